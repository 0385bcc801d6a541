package dev.raftseq.chain.store;

import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.state.StateRootCalculator;
import dev.raftseq.chain.types.AppliedIndex;
import java.util.List;
import java.util.Optional;

/**
 * The chain database. Writers are serialized by the caller (one apply thread); readers may run
 * concurrently. Every write method is one atomic RocksDB WriteBatch, synced to disk.
 */
public interface ChainStore extends ChainReader, StateRootCalculator, AutoCloseable {

  /** True until a genesis block has been committed. */
  boolean isEmpty();

  /** Applies a verified block: block, receipts, tx index, state, head, applied index, pool removal. */
  void commit(BlockCommit commit);

  /** The Raft entry most recently applied to this database, if any. */
  Optional<AppliedIndex> lastApplied();

  /** Records that a Raft entry with no effect on the chain (e.g. a rejected stale block) was applied. */
  void markApplied(AppliedIndex index);

  /**
   * Adds replicated raw transactions to the persisted pool together with the applied index, so
   * acknowledged transactions survive restarts. Duplicates (by hash) are ignored.
   */
  void addToPool(List<byte[]> rawTransactions, AppliedIndex index);

  /** The persisted pool: raw transactions replicated but not yet included, in insertion order. */
  List<byte[]> pooledTransactions();

  /** Removes transactions from the persisted pool that can never be included (e.g. nonce too low). */
  void removeFromPool(List<dev.raftseq.chain.types.Hash> txHashes);

  @Override
  void close();

}
