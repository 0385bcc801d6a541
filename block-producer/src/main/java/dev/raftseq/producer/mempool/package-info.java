/**
 * The transaction pool: {@link dev.raftseq.producer.mempool.Mempool} (single-threaded logic with
 * geth's admission rules and messages) behind the {@link dev.raftseq.producer.mempool.TxPool}
 * interface, and {@link dev.raftseq.producer.mempool.SynchronizedMempool} to share it.
 */
package dev.raftseq.producer.mempool;
