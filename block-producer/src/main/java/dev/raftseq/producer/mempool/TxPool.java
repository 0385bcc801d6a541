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
import java.util.function.Supplier;

/**
 * The committed set: every transaction the log committed and no block has included yet, by sender
 * and nonce. Its content is a function of the log alone (the apply path is its only writer), so
 * every node holds the same set at the same log position; a transaction leaves it only for a
 * {@link TxPoolListener.Removal} reason. {@link Mempool} is the single-threaded logic;
 * {@link SynchronizedMempool} shares it with RPC threads and the production loop.
 */
public interface TxPool {

  /**
   * Admits a committed transaction against the head state; {@code baseFee} is the next block's.
   * Adding one with the nonce of a held one replaces it if it pays enough more.
   *
   * @throws TxRejectedException with geth's message when refused (identically on every node)
   */
  void add(RecoveredTx tx, StateView head, Wei baseFee) throws TxRejectedException;

  /** The checks of {@link #add} without adding: what admission tells a client before replicating. */
  void check(RecoveredTx tx, StateView head, Wei baseFee) throws TxRejectedException;

  /**
   * Puts back a transaction the persisted set held at start, in its original order, without the
   * price and limit checks it passed when it was committed.
   *
   * @throws TxRejectedException NONCE_TOO_LOW when its nonce was used meanwhile, ALREADY_KNOWN
   */
  void restore(RecoveredTx tx, StateView head) throws TxRejectedException;

  RecoveredTx get(Hash hash);

  boolean contains(Hash hash);

  /** The next nonce of {@code sender} counting its pending transactions ("pending" tag). */
  long pendingNonce(Address sender, StateView head);

  /**
   * A snapshot of the executable transactions for a block at {@code baseFee}: best effective tip
   * first across senders (ties: earlier in the log), nonce order within a sender; a sender's run
   * stops at its first transaction that cannot pay {@code baseFee} (it waits, it is not dropped).
   * Later pool changes do not affect it.
   */
  TxCandidates candidates(Wei baseFee);

  /** A block was applied and {@code newHead} is its post-state: included and nonce-used ones leave. */
  void onBlockApplied(Block block, StateView newHead);

  /** Re-reads every sender's nonce from {@code head} (after the head jumped, e.g. block sync). */
  void onHeadReset(StateView head);

  /**
   * Removes a transaction the log says can never be included, and moves its sender to the nonce of
   * {@code head} (the pool may have missed a nonce change); false when it is not held.
   */
  boolean drop(Hash hash, StateView head);

  int pendingCount();

  int queuedCount();

  int size();

  /** Sum of the gas limits of the pending transactions: whether they would fill a block. */
  long pendingGas();

  /** Every pending transaction, by sender then nonce. */
  List<RecoveredTx> pendingTransactions();

  /** Every queued (behind a nonce gap) transaction, by sender then nonce. */
  List<RecoveredTx> queuedTransactions();

  /** Runs {@code action} with no other pool call in between (readers see its effects at once). */
  default <T> T atomically(Supplier<T> action) {
    return action.get();
  }
}
