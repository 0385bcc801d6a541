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
 * A {@link Mempool} behind one lock, for RPC threads, the apply path and the production loop at
 * once. Every call is short (O(log n) or one pass for a block), and {@link #candidates} returns a
 * copy, so building a block does not hold the lock. The lock is reentrant, so
 * {@link #atomically} may call the other methods.
 */
public final class SynchronizedMempool implements TxPool {
  private final Mempool pool;
  private final Object lock = new Object();

  public SynchronizedMempool(Mempool pool) {
    this.pool = pool;
  }

  @Override
  public void add(RecoveredTx tx, StateView head, Wei baseFee) throws TxRejectedException {
    synchronized (lock) {
      pool.add(tx, head, baseFee);
    }
  }

  @Override
  public void check(RecoveredTx tx, StateView head, Wei baseFee) throws TxRejectedException {
    synchronized (lock) {
      pool.check(tx, head, baseFee);
    }
  }

  @Override
  public void restore(RecoveredTx tx, StateView head) throws TxRejectedException {
    synchronized (lock) {
      pool.restore(tx, head);
    }
  }

  @Override
  public RecoveredTx get(Hash hash) {
    synchronized (lock) {
      return pool.get(hash);
    }
  }

  @Override
  public boolean contains(Hash hash) {
    synchronized (lock) {
      return pool.contains(hash);
    }
  }

  @Override
  public long pendingNonce(Address sender, StateView head) {
    synchronized (lock) {
      return pool.pendingNonce(sender, head);
    }
  }

  @Override
  public TxCandidates candidates(Wei baseFee) {
    synchronized (lock) {
      return pool.candidates(baseFee);
    }
  }

  @Override
  public void onBlockApplied(Block block, StateView newHead) {
    synchronized (lock) {
      pool.onBlockApplied(block, newHead);
    }
  }

  @Override
  public void onHeadReset(StateView head) {
    synchronized (lock) {
      pool.onHeadReset(head);
    }
  }

  @Override
  public boolean drop(Hash hash, StateView head) {
    synchronized (lock) {
      return pool.drop(hash, head);
    }
  }

  @Override
  public int pendingCount() {
    synchronized (lock) {
      return pool.pendingCount();
    }
  }

  @Override
  public int queuedCount() {
    synchronized (lock) {
      return pool.queuedCount();
    }
  }

  @Override
  public int size() {
    synchronized (lock) {
      return pool.size();
    }
  }

  @Override
  public long pendingGas() {
    synchronized (lock) {
      return pool.pendingGas();
    }
  }

  @Override
  public List<RecoveredTx> pendingTransactions() {
    synchronized (lock) {
      return pool.pendingTransactions();
    }
  }

  @Override
  public List<RecoveredTx> queuedTransactions() {
    synchronized (lock) {
      return pool.queuedTransactions();
    }
  }

  @Override
  public <T> T atomically(Supplier<T> action) {
    synchronized (lock) {
      return action.get();
    }
  }
}
