package dev.raftseq.producer.mempool;

import dev.raftseq.chain.types.RecoveredTx;

/**
 * Told of every transaction that leaves the pool, e.g. to delete it from the persisted set or count
 * it. Called synchronously by the pool's single writer: keep it short and do not call back into
 * the pool.
 */
@FunctionalInterface
public interface TxPoolListener {
  TxPoolListener NONE = (tx, why) -> {};

  /**
   * Why a transaction left the pool. These are the only ways out: a transaction the log committed
   * is never evicted, expired or dropped for its price.
   */
  enum Removal {
    /** In an applied block. */
    INCLUDED,
    /** Another transaction with its nonce was applied: it can never be included. */
    NONCE_USED,
    /** A better-paying one with the same sender and nonce was committed. */
    REPLACED,
    /** The leader's builder found it can never be included, and the log said so. */
    DROPPED
  }

  void removed(RecoveredTx tx, Removal why);
}
