package dev.raftseq.systest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A directory on lossyfs ({@code system-tests/lossyfs/lossyfs.c}, built into {@code .tools/bin} by
 * {@code scripts/install-lossyfs.sh}): writes pass through to a backing directory, and
 * {@link #powerCut()} rolls every file back to what its last fsync/fdatasync made durable, then
 * remounts, as a machine that lost power and rebooted would see its disk. Metadata (create,
 * rename, unlink) is durable at once. Everything using the mount must be dead before a cut.
 */
public final class LossyFs implements AutoCloseable {
  static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(20);
  static final String CONTROL = ".lossyfs-cut";

  private final Path binary;
  private final Path backing;
  private final Path mountPoint;
  private final Path log;
  private Process daemon;

  public LossyFs(Path binary, Path backing, Path mountPoint, Path log) {
    this.binary = binary;
    this.backing = backing;
    this.mountPoint = mountPoint;
    this.log = log;
  }

  /** Where the build script puts the binary (or {@code -Dlossyfs.bin}). */
  public static Path binary(Path repoRoot) {
    return Path.of(System.getProperty("lossyfs.bin", repoRoot.resolve(".tools/bin/lossyfs").toString()));
  }

  /** The power-cut test's negative control: LD_PRELOAD this and fsync/fdatasync do nothing. */
  public static Path noSyncLibrary(Path repoRoot) {
    return repoRoot.resolve(".tools/lib/libnosync.so");
  }

  /** Why lossyfs cannot run here, or empty when it can. */
  public static Optional<String> unavailable(Path repoRoot) {
    Path bin = binary(repoRoot);
    if (!Files.isExecutable(bin)) {
      return Optional.of(bin + " is not built: run scripts/install-lossyfs.sh (it says what is missing)");
    }
    if (!Files.exists(Path.of("/dev/fuse"))) {
      return Optional.of("/dev/fuse does not exist");
    }
    if (!DiskControl.supported()) {
      return Optional.of("mounting lossyfs needs root");
    }
    return Optional.empty();
  }

  public Path root() {
    return mountPoint;
  }

  public synchronized void mount() {
    if (daemon != null && daemon.isAlive()) {
      throw new IllegalStateException(mountPoint + " is already mounted");
    }
    try {
      Files.createDirectories(backing);
      Files.createDirectories(mountPoint);
      Files.createDirectories(log.getParent());
      Files.writeString(log, "==== mount " + java.time.Instant.now() + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      daemon = new ProcessBuilder(binary.toString(), backing.toString(), mountPoint.toString(), "-f",
          "-o", "fsname=lossyfs").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      long end = System.nanoTime() + MOUNT_TIMEOUT.toNanos();
      while (!mounted()) {
        if (!daemon.isAlive() || System.nanoTime() > end) {
          String why = daemon.isAlive() ? "not mounted after " + MOUNT_TIMEOUT.toSeconds() + " s"
              : "lossyfs exited with code " + daemon.exitValue();
          daemon.destroyForcibly();
          throw new IllegalStateException("mounting lossyfs on " + mountPoint + " failed: " + why + ": " + logText());
        }
        Thread.sleep(20);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The power cut: every write not covered by a later fsync/fdatasync of its file is undone, then
   * the file system is remounted (no page cache of the lost contents survives). Returns lossyfs's
   * account of what it rolled back.
   */
  public synchronized String powerCut() {
    try {
      // the write returns once lossyfs has rolled everything back
      Files.writeString(mountPoint.resolve(CONTROL), "cut\n");
    } catch (IOException e) {
      throw new UncheckedIOException("power cut on " + mountPoint + " failed: " + logText(), e);
    }
    String account = lastLine("power cut");
    unmount();
    mount();
    return account;
  }

  public synchronized void unmount() {
    if (daemon == null) {
      return;
    }
    try {
      if (mounted()) {
        run("fusermount3", "-u", mountPoint.toString());
      }
      if (!daemon.waitFor(MOUNT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        daemon.destroyForcibly();
        daemon.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      // busy (a process still has files open): detach lazily, stop the daemon
      try {
        run("fusermount3", "-u", "-z", mountPoint.toString());
      } catch (IOException ignored) {
        // reported below if still mounted
      }
      daemon.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      daemon = null;
    }
    if (mounted()) {
      throw new IllegalStateException(mountPoint + " is still mounted");
    }
  }

  @Override
  public void close() {
    unmount();
  }

  /** Whether the kernel lists a mount at {@link #mountPoint}. */
  boolean mounted() {
    try {
      String target = mountPoint.toAbsolutePath().normalize().toString();
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] f = line.split(" ");
        if (f.length > 4 && f[4].equals(target)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String lastLine(String containing) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).contains(containing)) {
          return lines.get(i);
        }
      }
      return "(lossyfs logged no '" + containing + "')";
    } catch (IOException e) {
      return "(no lossyfs log: " + e.getMessage() + ")";
    }
  }

  private String logText() {
    try {
      return Files.readString(log).trim();
    } catch (IOException e) {
      return "(no lossyfs log: " + e.getMessage() + ")";
    }
  }

  private static void run(String... cmd) throws IOException {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", cmd), e);
    }
  }
}
