package dev.raftseq.producer.mempool;

import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import java.util.List;

/**
 * The transactions waiting for inclusion. {@link Mempool} is the single-threaded logic;
 * {@link SynchronizedMempool} is the same behind a lock for RPC threads, the state machine and the
 * production loop together.
 */
public interface TxPool {

  /**
   * Validates and admits a transaction against the head state; {@code baseFee} is the next
   * block's. Adding a transaction with the nonce of a held one replaces it if it pays enough more.
   *
   * @throws TxRejectedException with geth's message when refused
   */
  void add(RecoveredTx tx, StateView head, Wei baseFee) throws TxRejectedException;

  RecoveredTx get(Hash hash);

  boolean contains(Hash hash);

  /** The next nonce of {@code sender} counting its pending pool transactions ("pending" tag). */
  long pendingNonce(Address sender, StateView head);

  /**
   * A snapshot of the executable transactions for a block at {@code baseFee}: best effective tip
   * first across senders (ties: earlier arrival), nonce order within a sender; a sender's run stops
   * at its first transaction that cannot pay {@code baseFee}. Later pool changes do not affect it.
   */
  TxCandidates candidates(Wei baseFee);

  /** A block was applied and {@code newHead} is its post-state: drops included and stale txs. */
  void onBlockApplied(Block block, StateView newHead);

  /** Re-reads every sender's nonce from {@code head} (after a snapshot install or a jump). */
  void onHeadReset(StateView head);

  /**
   * The block builder found {@code tx} permanently invalid on {@code head}: drops it and re-reads
   * its sender's nonce, so a pool that fell behind the state catches up.
   */
  void removeInvalid(RecoveredTx tx, StateView head);

  /** Drops transactions that arrived {@code lifetime} or longer before {@code nowMillis}. */
  int evictExpired(long nowMillis);

  int pendingCount();

  int queuedCount();

  int size();

  /** Sum of the gas limits of the pending transactions: whether they would fill a block. */
  long pendingGas();

  /** Every pending transaction, by sender then nonce. */
  List<RecoveredTx> pendingTransactions();

  /** Every queued (behind a nonce gap) transaction, by sender then nonce. */
  List<RecoveredTx> queuedTransactions();
}
