package dev.raftseq.node.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files that hold a secret key must be private to their owner, as ssh requires of its keys: any
 * permission for the group or others (mode & 077) is refused, with the file and the fix named.
 */
public final class SecretFiles {
  private static final Set<PosixFilePermission> OPEN = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private SecretFiles() {}

  /**
   * Why {@code file} may not hold a secret, if it may not: its group or others have access. On a
   * file system without POSIX permissions nothing can be checked, so nothing is refused.
   */
  public static Optional<String> tooOpen(Path file) throws IOException {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException notPosix) {
      return Optional.empty();
    }
    Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
    open.addAll(perms);
    open.retainAll(OPEN);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(file + " holds a secret key but is accessible to its group or to others (mode "
        + PosixFilePermissions.toString(perms) + "); run `chmod 600 " + file + "` (or 400) so only its owner can"
        + " read it");
  }
}
