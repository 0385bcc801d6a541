package dev.raftseq.systest.cluster;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds which process holds the other end of a loopback TCP connection, from Linux's
 * {@code /proc/net/tcp[6]} (the socket's inode by its port pair) and {@code /proc/<pid>/fd}
 * (which process has that inode open). This is how a partition proxy tells its peers apart
 * without root: every Raft peer connects from 127.0.0.1, so addresses alone cannot.
 */
public final class SocketOwners {
  private final Path proc;

  public SocketOwners(Path proc) {
    this.proc = proc;
  }

  public static SocketOwners system() {
    return new SocketOwners(Path.of("/proc"));
  }

  /** Whether this machine has the files this needs (Linux). */
  public boolean available() {
    return Files.isReadable(proc.resolve("net/tcp"));
  }

  /**
   * The pid among {@code candidates} whose socket has local port {@code localPort} and remote
   * port {@code remotePort} (a loopback connection seen from its client side), if any.
   */
  public OptionalLong owner(int localPort, int remotePort, Collection<Long> candidates) {
    OptionalLong inode = inode(localPort, remotePort);
    if (inode.isEmpty()) {
      return OptionalLong.empty();
    }
    String link = "socket:[" + inode.getAsLong() + "]";
    for (long pid : candidates) {
      if (holds(pid, link)) {
        return OptionalLong.of(pid);
      }
    }
    return OptionalLong.empty();
  }

  OptionalLong inode(int localPort, int remotePort) {
    for (String table : List.of("net/tcp", "net/tcp6")) {
      try {
        for (String line : Files.readAllLines(proc.resolve(table))) {
          OptionalLong inode = match(line, localPort, remotePort);
          if (inode.isPresent()) {
            return inode;
          }
        }
      } catch (IOException e) {
        // no IPv6 table on this machine: the other one will do
      }
    }
    return OptionalLong.empty();
  }

  /** One table row: "sl local rem st tx:rx tr:when retr uid timeout inode ...", ports in hex after ':'. */
  static OptionalLong match(String line, int localPort, int remotePort) {
    String[] f = line.trim().split("\\s+");
    if (f.length < 10 || !f[0].endsWith(":")) {
      return OptionalLong.empty();
    }
    try {
      if (port(f[1]) != localPort || port(f[2]) != remotePort) {
        return OptionalLong.empty();
      }
      long inode = Long.parseLong(f[9]);
      return inode == 0 ? OptionalLong.empty() : OptionalLong.of(inode);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static int port(String addressAndPort) {
    return Integer.parseInt(addressAndPort.substring(addressAndPort.indexOf(':') + 1), 16);
  }

  private boolean holds(long pid, String link) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve(pid + "/fd"))) {
      for (Path fd : fds) {
        try {
          if (link.equals(Files.readSymbolicLink(fd).toString())) {
            return true;
          }
        } catch (IOException closedMeanwhile) {
          // the descriptor went away while we looked
        }
      }
    } catch (IOException gone) {
      // the process exited
    }
    return false;
  }
}
