package dev.raftseq.batcher.l1;

import java.util.List;

/**
 * The batcher's durable memory of its own L1 transactions not yet settled: enough to re-broadcast
 * them after a crash and never to send a second transaction for a step. Everything else (which
 * batches are committed, proven, executed) is read from the L1 contract at start.
 */
public interface ProgressStore {
  List<SentTx> load();

  /** Replaces the stored list; durable when it returns. */
  void save(List<SentTx> inFlight);
}
