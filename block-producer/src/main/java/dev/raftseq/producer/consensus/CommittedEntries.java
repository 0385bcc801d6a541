package dev.raftseq.producer.consensus;

import dev.raftseq.chain.types.AppliedIndex;
import java.util.Optional;
import java.util.Set;

/**
 * Where a {@link Sequencing} delivers committed entries: the sequencer core's apply path. Calls
 * come from one thread, strictly in log order, each index above every earlier one.
 *
 * <p>{@link #apply} persists the entry's effects together with its index (one atomic write), so
 * {@link #lastApplied()} after a crash names the last entry whose effects are in the database; the
 * writes need not be synced until {@link #makeDurable()}, because a replicated log replays what a
 * crash lost. A result is the same on every node for the same entry. An exception means this node
 * cannot reach the result the others reach (an I/O failure, a block its sealer and the others
 * accept that does not verify here): the implementation then stops this node's participation,
 * loudly, rather than diverge.
 */
public interface CommittedEntries {

  /** The last entry whose effects are in the database, or empty for a fresh database. */
  Optional<AppliedIndex> lastApplied();

  /** Why an entry is malformed (checked before it is appended), or empty when it is well formed. */
  Optional<String> malformed(byte[] entry);

  /**
   * Applies one committed entry. Malformed entries and blocks no member sealed are rejected as a
   * value, identically everywhere.
   *
   * @param index the entry's position in the replicated log, or null for a log of one node that is
   *     not replayed (the single sequencer, whose every write is synced)
   */
  EntryResult apply(AppliedIndex index, byte[] entry);

  /**
   * The log's consensus configuration at {@code index} (a configuration entry, delivered in log order
   * like any entry): from the next entry on, blocks must be sealed by one of {@code memberIds}. During a
   * joint configuration (a membership change in progress) the set holds the old and the new members.
   * Persisted together with {@code index}, so a restart knows the members without replaying the entry.
   *
   * @param memberIds the voting members' node ids, {@code 0x} + 128 lower-case hex (64-byte public keys)
   */
  void membershipChanged(AppliedIndex index, Set<String> memberIds);

  /** Makes every applied effect durable (syncs the database), before the log may forget those entries. */
  void makeDurable();
}
