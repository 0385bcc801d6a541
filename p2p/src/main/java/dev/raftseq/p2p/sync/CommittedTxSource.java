package dev.raftseq.p2p.sync;

/**
 * Port to the sequencer core (implemented there, not here): the committed transactions that no
 * block includes yet, consistent with one head. External nodes have none and use {@link #NONE}.
 */
public interface CommittedTxSource {
  /** Answers with an empty list at the responder's current head. */
  CommittedTxSource NONE = (maxCount, maxBytes) -> null;

  /**
   * At most {@code maxCount} transactions and about {@code maxBytes} of raw envelopes, oldest
   * first; null when this node keeps no such set. Called on a worker thread; may block briefly.
   */
  UnincludedSnapshot committedNotIncluded(int maxCount, long maxBytes);
}
