package dev.raftseq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The "machine:" line the micro-benchmarks write above their figures, so a result says how loaded the machine was. */
final class MachineLine {
  private MachineLine() {}

  /** "machine: N cpus, load average L, java V" and a newline. */
  static String describe() {
    return "machine: " + Runtime.getRuntime().availableProcessors() + " cpus, load average " + loadAverage()
        + ", java " + System.getProperty("java.version") + "\n";
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
