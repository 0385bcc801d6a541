package dev.raftseq.producer;

/**
 * Group commit of client transactions: at most {@code maxInFlight} batches replicating at once, each
 * of at most {@code maxTxs} transactions and {@code maxBytes}; at most {@code maxQueued} waiting.
 */
public record BatchingLimits(int maxInFlight, int maxTxs, int maxBytes, int maxQueued) {
  public BatchingLimits {
    if (maxInFlight < 1 || maxTxs < 1 || maxBytes < 1024 || maxQueued < maxTxs) {
      throw new IllegalArgumentException("bad batching limits: in flight " + maxInFlight + ", txs " + maxTxs
          + ", bytes " + maxBytes + ", queued " + maxQueued);
    }
  }

  /** Two batches in flight, up to 2,000 transactions or 4 MiB each, 100,000 waiting. */
  public static BatchingLimits defaults() {
    return new BatchingLimits(2, 2_000, 4 << 20, 100_000);
  }
}
