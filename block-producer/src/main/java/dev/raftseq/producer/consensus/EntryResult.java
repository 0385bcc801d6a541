package dev.raftseq.producer.consensus;

import dev.raftseq.chain.types.Hash;
import java.util.List;
import java.util.Objects;

/**
 * The one result type of the transaction path: what applying a log entry did, and what a
 * submission or proposal came to (the apply result once committed, or why it was not).
 * Apply results are the same on every node for the same entry; {@link NotLeader} and
 * {@link Failed} are local to the caller.
 */
public sealed interface EntryResult {

  /** A transaction batch was applied: one outcome per transaction, in entry order. */
  record TxsApplied(List<TxOutcome> outcomes) implements EntryResult {
    public TxsApplied {
      outcomes = List.copyOf(outcomes);
    }
  }

  /** A block became the new head. */
  record BlockApplied(long number, Hash hash) implements EntryResult {
    public BlockApplied {
      Objects.requireNonNull(hash, "hash");
    }
  }

  /** A block did not extend the head when its entry was applied (a deposed leader's); nothing changed. */
  record BlockStale(String reason) implements EntryResult {}

  /** Drops were applied: this many transactions left the committed set. */
  record DropsApplied(int dropped) implements EntryResult {}

  /** The whole entry was refused identically on every node (malformed, or a block no member sealed). */
  record Rejected(String reason) implements EntryResult {}

  /** Not appended: this node may not propose, or no leader could take it. Nothing was committed. */
  record NotLeader(String reason) implements EntryResult {}

  /** The outcome is unknown (timeout, I/O, shutdown): the entry may still commit later. */
  record Failed(String reason) implements EntryResult {}
}
