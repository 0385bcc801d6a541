package dev.raftseq.batcher.batch;

/**
 * When a batch is sealed. A block that would take the open batch past a count limit starts the next
 * batch instead; the batch is sealed as soon as it reaches a limit, or with the first block whose
 * timestamp is {@code timeoutMillis} or more after the batch's first block. Age is measured in
 * block timestamps, never the wall clock, so every node seals the same batches.
 *
 * @param maxBlocks at most this many blocks per batch (zksync-os-server's blocks_per_batch_limit)
 * @param maxTransactions at most this many transactions (tx_per_batch_limit); a single larger block
 *     still forms a batch of its own
 * @param maxGas at most this much gas used (same rule for a single larger block)
 * @param timeoutMillis batch_timeout, in block time
 */
public record BatchLimits(int maxBlocks, long maxTransactions, long maxGas, long timeoutMillis) {
  public BatchLimits {
    if (maxBlocks < 1 || maxTransactions < 1 || maxGas < 1 || timeoutMillis < 1) {
      throw new IllegalArgumentException("batch limits must be positive: " + maxBlocks + ", " + maxTransactions + ", "
          + maxGas + ", " + timeoutMillis + " ms");
    }
  }
}
