package dev.raftseq.node;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.node.config.SecretFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;

/**
 * The signing key of a node without NETWORK_SECRET_KEY / NETWORK_SECRET_KEY_FILE: generated once
 * and kept in the data directory, so the node signs with the same key after restarts.
 *
 * <p>The file is born private: a temporary file is created with mode 0600 (set at creation, so no
 * umask ever exposes it), written and synced, then atomically renamed into place; a crash leaves
 * either no key or a whole one. An existing key that its group or others may access is refused,
 * as ssh refuses such keys.
 */
final class NodeKeyFile {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private NodeKeyFile() {}

  static NodeKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        Optional<String> open = SecretFiles.tooOpen(file);
        if (open.isPresent()) {
          throw new StartupException("refusing the node key: " + open.get()
              + "; or remove it to have a new key generated");
        }
        return NodeKey.fromHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
      }
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      NodeKey key = generate();
      Path tmp = createPrivate(dir, file.getFileName() + ".");
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
          ch.write(ByteBuffer.wrap(Hex.encode(key.privateKey()).substring(2).getBytes(StandardCharsets.US_ASCII)));
          ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      syncDirectory(dir);
      return key;
    } catch (IOException | IllegalArgumentException e) {
      throw new StartupException("cannot read or create the node key " + file + ": " + e.getMessage(), e);
    }
  }

  private static NodeKey generate() {
    SecureRandom random = new SecureRandom();
    while (true) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      try {
        return NodeKey.fromPrivateKey(secret);
      } catch (IllegalArgumentException outOfRange) {
        // zero or above the curve order: draw again
      }
    }
  }

  /** A new empty file in {@code dir}, created with owner-only permissions where the file system has them. */
  private static Path createPrivate(Path dir, String prefix) throws IOException {
    FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    try {
      return Files.createTempFile(dir, prefix, ".tmp", ownerOnly);
    } catch (UnsupportedOperationException notPosix) {
      return Files.createTempFile(dir, prefix, ".tmp");
    }
  }

  /** Makes the rename durable (Linux: fsync of the directory). */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException unsupported) {
      // some platforms cannot open a directory; the rename is then as durable as they make it
    }
  }
}
