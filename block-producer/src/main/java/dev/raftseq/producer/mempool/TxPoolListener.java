package dev.raftseq.producer.mempool;

import dev.raftseq.chain.types.RecoveredTx;

/**
 * Told of every transaction that leaves the pool, e.g. to delete it from the persisted pool or
 * count it. Called synchronously under the pool's lock: keep it short and do not call back into
 * the pool.
 */
@FunctionalInterface
public interface TxPoolListener {
  TxPoolListener NONE = (tx, why) -> {};

  /** Why a transaction left the pool. */
  enum Removal {
    /** In an applied block. */
    INCLUDED,
    /** Another transaction with its nonce was applied. */
    NONCE_USED,
    /** Replaced by a better-paying one with the same nonce. */
    REPLACED,
    /** Made room for a better-paying one in a full pool. */
    EVICTED,
    /** Older than the configured lifetime. */
    EXPIRED,
    /** Found permanently invalid by the block builder. */
    INVALID
  }

  void removed(RecoveredTx tx, Removal why);
}
