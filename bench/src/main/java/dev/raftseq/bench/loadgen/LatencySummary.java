package dev.raftseq.bench.loadgen;

import java.util.Arrays;

/** Nearest-rank percentiles of a latency sample, in milliseconds. An empty sample has all zeros. */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);

  /** Summarises {@code nanos} (not modified). */
  public static LatencySummary ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return EMPTY;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new LatencySummary(sorted.length, ms(percentile(sorted, 50)), ms(percentile(sorted, 90)),
        ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]));
  }

  /** Nearest-rank percentile: the smallest value with at least p% of the sample at or below it. */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1e4) / 100.0; // 10 µs resolution is plenty and keeps the output short
  }
}
