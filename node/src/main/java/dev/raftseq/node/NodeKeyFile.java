package dev.raftseq.node;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The signing key of a single sequencer without NETWORK_SECRET_KEY: generated once and kept in
 * the data directory, so the node signs with the same key after restarts.
 */
final class NodeKeyFile {
  private NodeKeyFile() {}

  static NodeKey loadOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        return NodeKey.fromHex(Files.readString(file, StandardCharsets.US_ASCII).trim());
      }
      Files.createDirectories(file.getParent());
      SecureRandom random = new SecureRandom();
      NodeKey key;
      while (true) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        try {
          key = NodeKey.fromPrivateKey(secret);
          break;
        } catch (IllegalArgumentException outOfRange) {
          // zero or above the curve order: draw again
        }
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, Hex.encode(key.privateKey()).substring(2), StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return key;
    } catch (IOException e) {
      throw new StartupException("cannot read or create the node key " + file + ": " + e.getMessage(), e);
    }
  }
}
