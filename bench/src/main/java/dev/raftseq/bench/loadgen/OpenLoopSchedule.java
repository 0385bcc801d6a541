package dev.raftseq.bench.loadgen;

/**
 * When each transaction is due, relative to the start of the run. Open loop: due times depend only
 * on the rate, never on how fast the node answers, so a slow node is measured, not obeyed.
 */
public record OpenLoopSchedule(double ratePerSecond) {
  public OpenLoopSchedule {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be positive and finite, got " + ratePerSecond);
    }
  }

  /** Nanoseconds after the start at which transaction {@code k} (0-based) is due. */
  public long dueOffsetNanos(long k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must not be negative");
    }
    return (long) Math.floor(k * 1e9 / ratePerSecond);
  }

  /** The interval one transaction occupies, used to turn a count into a rate. */
  public long slotNanos() {
    return (long) Math.ceil(1e9 / ratePerSecond);
  }
}
