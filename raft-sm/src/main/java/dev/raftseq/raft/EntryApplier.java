package dev.raftseq.raft;

import dev.raftseq.chain.types.AppliedIndex;
import java.util.List;
import java.util.Optional;

/**
 * The port through which committed Raft entries reach the chain database; implemented by the node
 * wiring. Calls come from one thread (the Raft apply thread), strictly in log order, each with an
 * index greater than every index before it.
 *
 * <p>Every method must persist {@code index} atomically with its effects (one write batch), so that
 * {@link #lastApplied()} after a crash names exactly the last entry whose effects are durable; the
 * state machine relies on that to never apply an entry twice.
 *
 * <p>Outcomes that every node reaches identically (a stale or invalid block) are returned as values.
 * An exception means this node cannot reach the result the others reach (I/O failure, a block that is
 * valid by consensus but whose re-execution differs here): the state machine then halts the Raft
 * server rather than fork.
 */
public interface EntryApplier {

  /** The last entry whose effects are durable, or empty for a fresh database. */
  Optional<AppliedIndex> lastApplied();

  /**
   * Decodes, verifies and applies a committed block, or rejects it deterministically; in every case
   * {@code index} is persisted.
   *
   * @param proposedHere true when this very process proposed the entry, so a result computed while
   *     sealing may be reused (after checking that the block and its parent match)
   */
  BlockApplyResult applyBlock(byte[] encodedBlock, AppliedIndex index, boolean proposedHere);

  /** Adds replicated raw transactions to the persisted pool (duplicates ignored) and persists {@code index}. */
  void applyTransactions(List<byte[]> rawTxs, AppliedIndex index);

  /**
   * Persists {@code index} for an entry with no effect on the chain (an entry that failed to decode;
   * every node skips it the same way).
   */
  void markApplied(AppliedIndex index);
}
