package dev.raftseq.batcher.batch;

import java.util.Optional;

/**
 * The batches this node has sealed, 1, 2, 3... in order, kept across restarts so the boundaries of
 * sealed batches never move (even if the batch limits are changed later) and start-up does not
 * re-read the whole chain. Batch 0 (genesis) is never stored: it is derived from block 0.
 */
public interface BatchIndex extends AutoCloseable {
  /** The highest stored batch; empty when none is. */
  Optional<Batch> last();

  Optional<Batch> get(long number);

  /**
   * Stores the next batch durably before returning.
   *
   * @throws IllegalArgumentException if it is not last + 1 or does not chain onto the last batch
   */
  void append(Batch batch);

  @Override
  void close();
}
