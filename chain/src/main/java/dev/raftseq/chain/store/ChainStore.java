package dev.raftseq.chain.store;

import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.state.StateRootCalculator;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RawTx;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The chain database. Writers are serialized by the caller (one apply thread); readers may run
 * concurrently. Every write method is one atomic RocksDB WriteBatch; whether it is synced before it
 * returns depends on the store's {@link Durability}.
 */
public interface ChainStore extends ChainReader, StateRootCalculator, AutoCloseable {

  /** True until a genesis block has been committed. */
  boolean isEmpty();

  /**
   * Applies a verified block: block, receipts, tx index, state, head, applied index, and the removal
   * of its transactions (and {@link BlockCommit#poolRemovals()}) from the persisted committed set.
   */
  void commit(BlockCommit commit);

  /** The Raft entry most recently applied to this database, if any. */
  Optional<AppliedIndex> lastApplied();

  /** Records that a Raft entry with no effect on the chain (e.g. a rejected stale block) was applied. */
  void markApplied(AppliedIndex index);

  /**
   * Records the consensus members in force from the Raft entry {@code index} on (a configuration
   * entry), with that applied index, in one write, so a restart knows them without the log entries
   * that named them.
   *
   * @param memberIds node ids, each {@code 0x} + 128 hex (a 64-byte public key)
   */
  void recordMembers(List<String> memberIds, AppliedIndex index);

  /** The members last recorded by {@link #recordMembers}, or empty if none ever was. */
  Optional<List<String>> members();

  /**
   * Updates the persisted committed set: adds {@code added} (in order; each newly admitted, as the
   * in-memory set decides: re-adding one moves it to the end) and deletes {@code removed}, with the
   * applied index (if not null), in one batch, so acknowledged transactions survive restarts.
   */
  void updatePool(List<RawTx> added, Collection<Hash> removed, AppliedIndex index);

  /** Adds raw transactions without known senders to the persisted committed set. */
  default void addToPool(List<byte[]> rawTransactions, AppliedIndex index) {
    updatePool(rawTransactions.stream().map(r -> new RawTx(r, null)).toList(), List.of(), index);
  }

  /** Removes transactions from the persisted committed set. */
  default void removeFromPool(List<Hash> txHashes) {
    updatePool(List.of(), txHashes, null);
  }

  /**
   * Replaces the whole persisted committed set with {@code committedSet} (in commit order), records
   * {@code members} when present, and moves the applied index to {@code index}, in one batch: how a
   * consensus node whose Raft log was purged past its position takes over a peer's position in the
   * log after fetching its blocks (the chain itself is already at the peer's head).
   */
  void replaceCommittedState(List<RawTx> committedSet, Optional<List<String>> members, AppliedIndex index);

  /** The persisted committed set: transactions replicated but not yet included, in insertion order. */
  List<RawTx> pooledEntries();

  /** The raw transactions of {@link #pooledEntries()}. */
  default List<byte[]> pooledTransactions() {
    return pooledEntries().stream().map(RawTx::raw).toList();
  }

  /** Makes every write so far durable (a sync of the write-ahead log); a no-op when every write is synced. */
  void syncWal();

  @Override
  void close();

}
