package dev.raftseq.systest.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * A node's wall clock, moved while it runs through libfaketime (Debian's {@code faketime}
 * package): the node is started with the library preloaded and reads its offset from a file
 * that this rewrites; the library re-reads it at most once a second. The monotonic clock is left
 * alone (Raft's timers use it), so only what reads the wall clock (block timestamps) jumps.
 */
public final class ClockControl {
  /**
   * The single-threaded build: the MT build serializes every time call through one mutex, which
   * made a JVM's clock reads ~100x slower here (10 us each); this one costs ~1 us per call.
   */
  public static final Path LIBRARY = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

  private final Path offsetFile;

  public ClockControl(Path offsetFile) {
    this.offsetFile = offsetFile;
    set(0);
  }

  /** The library, when this machine has it (apt-get install faketime). */
  public static Optional<Path> library() {
    return Files.isReadable(LIBRARY) ? Optional.of(LIBRARY) : Optional.empty();
  }

  /**
   * The environment that makes a process follow this clock.
   *
   * <p>{@code FAKETIME_FORCE_MONOTONIC_FIX=0}: libfaketime 0.9.10 (Debian's) otherwise rewrites the
   * deadline of every {@code pthread_cond_timedwait} as if the condition variable ran on the wall
   * clock, while the JVM's run on the monotonic clock; every timed park then returns at once and
   * the JVM parks again, so each waiting thread spins. A node has ~90 threads: it burnt ~65 % of a
   * core at 30 tx/s and its timers ran late (an idle JVM with 50 parked threads: 0.05 CPU-seconds
   * in 8 s without the library, 29 with it). The wall-clock offset works the same without the fix.
   */
  public Map<String, String> environment(Path library) {
    return Map.of(
        "LD_PRELOAD", library.toString(),
        "FAKETIME_TIMESTAMP_FILE", offsetFile.toString(),
        "FAKETIME_CACHE_DURATION", "1",
        "FAKETIME_DONT_FAKE_MONOTONIC", "1",
        "FAKETIME_FORCE_MONOTONIC_FIX", "0",
        "NO_FAKE_STAT", "1");
  }

  /** The node's wall clock runs {@code offsetSeconds} off real time from now on (within ~1 s). */
  public void set(long offsetSeconds) {
    // libfaketime's relative form: "+12" seconds ahead, "-3" behind
    String spec = (offsetSeconds >= 0 ? "+" : "-") + Math.abs(offsetSeconds);
    try {
      Files.createDirectories(offsetFile.getParent());
      Path tmp = offsetFile.resolveSibling(offsetFile.getFileName() + ".tmp");
      Files.writeString(tmp, spec + "\n");
      Files.move(tmp, offsetFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
