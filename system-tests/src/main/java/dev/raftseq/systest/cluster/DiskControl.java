package dev.raftseq.systest.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A node's data directory on a size-capped tmpfs of its own (mounting needs root), so the
 * harness can fill it: {@link #fill()} writes a filler file until the file system refuses
 * (ENOSPC), {@link #free()} deletes it.
 */
public final class DiskControl implements AutoCloseable {
  private static final int CHUNK = 1 << 20;

  private final Path mountPoint;
  private boolean mounted;

  public DiskControl(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /** Whether this process may mount file systems (it runs as root). */
  public static boolean supported() {
    return "root".equals(System.getProperty("user.name"));
  }

  public void mount(long sizeBytes) {
    try {
      Files.createDirectories(mountPoint);
      run("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes, "tmpfs", mountPoint.toString());
      mounted = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path root() {
    return mountPoint;
  }

  /** Fills the file system; returns the bytes written. */
  public long fill() {
    long written = 0;
    byte[] zeros = new byte[CHUNK];
    try (OutputStream out = Files.newOutputStream(filler())) {
      while (true) {
        out.write(zeros);
        written += CHUNK;
      }
    } catch (IOException full) {
      // ENOSPC: what we wanted; a partial last chunk may have gone in
      return written;
    }
  }

  public void free() {
    try {
      Files.deleteIfExists(filler());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path filler() {
    return mountPoint.resolve("filler.bin");
  }

  /** Copies the contents (without the filler) to {@code dest}, e.g. to keep a failing run's data. */
  public void copyTo(Path dest) {
    try {
      run("cp", "-a", mountPoint + "/.", dest.toString());
      Files.deleteIfExists(dest.resolve("filler.bin"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (mounted) {
      try {
        run("umount", "-l", mountPoint.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      mounted = false;
    }
  }

  private static void run(String... cmd) throws IOException {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", cmd), e);
    }
  }
}
