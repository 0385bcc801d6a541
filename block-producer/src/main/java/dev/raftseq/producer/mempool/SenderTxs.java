package dev.raftseq.producer.mempool;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One sender's transactions by nonce. Those from the account nonce up to the first gap are
 * pending (executable in order); those after a gap are queued. The pending run is kept as
 * {@code [stateNonce, pendingEnd)}, so pending counts are O(1) and a promotion walks only the
 * transactions it promotes.
 */
final class SenderTxs {
  private final NavigableMap<Long, PooledTx> byNonce = new TreeMap<>();
  private long stateNonce;
  private long pendingEnd;
  private long pendingGas;
  private BigInteger totalCost = BigInteger.ZERO;

  SenderTxs(long stateNonce) {
    this.stateNonce = stateNonce;
    this.pendingEnd = stateNonce;
  }

  long stateNonce() {
    return stateNonce;
  }

  /** The nonce after the pending run: the sender's next nonce counting pool transactions. */
  long pendingEnd() {
    return pendingEnd;
  }

  int size() {
    return byNonce.size();
  }

  boolean isEmpty() {
    return byNonce.isEmpty();
  }

  int pendingCount() {
    return (int) (pendingEnd - stateNonce);
  }

  int queuedCount() {
    return byNonce.size() - pendingCount();
  }

  long pendingGas() {
    return pendingGas;
  }

  /** Sum of gasLimit * maxFee + value over every transaction held for this sender. */
  BigInteger totalCost() {
    return totalCost;
  }

  PooledTx get(long nonce) {
    return byNonce.get(nonce);
  }

  /** Whether a transaction with this nonce would be pending (executable) once added. */
  boolean wouldBePending(long nonce) {
    return nonce <= pendingEnd;
  }

  /** Adds a transaction with a nonce not yet held (and not below the state nonce). */
  void insert(PooledTx t) {
    if (t.nonce() < stateNonce) {
      throw new IllegalStateException("nonce " + t.nonce() + " below state nonce " + stateNonce);
    }
    if (byNonce.putIfAbsent(t.nonce(), t) != null) {
      throw new IllegalStateException("nonce " + t.nonce() + " already held; use replace");
    }
    totalCost = totalCost.add(t.cost());
    if (t.nonce() == pendingEnd) {
      extendPendingRun();
    }
  }

  /** Swaps the transaction at {@code next}'s nonce; returns the one replaced. */
  PooledTx replace(PooledTx next) {
    PooledTx old = byNonce.put(next.nonce(), next);
    if (old == null) {
      throw new IllegalStateException("no transaction at nonce " + next.nonce() + " to replace");
    }
    totalCost = totalCost.subtract(old.cost()).add(next.cost());
    if (next.nonce() < pendingEnd) {
      pendingGas += next.gas() - old.gas();
    }
    return old;
  }

  /** Removes one transaction; later pending ones become queued behind the new gap. */
  PooledTx remove(long nonce) {
    PooledTx removed = byNonce.remove(nonce);
    if (removed == null) {
      return null;
    }
    totalCost = totalCost.subtract(removed.cost());
    if (nonce < pendingEnd) {
      pendingGas -= removed.gas();
      for (PooledTx demoted : byNonce.subMap(nonce, false, pendingEnd, false).values()) {
        pendingGas -= demoted.gas();
      }
      pendingEnd = nonce;
    }
    return removed;
  }

  /**
   * The account nonce moved to {@code nonce} (a block was applied): drops every transaction below
   * it (included, or replaced by another with the same nonce) and promotes what is now
   * contiguous. A nonce at or below the known one changes nothing. Returns the dropped ones.
   */
  List<PooledTx> advanceStateNonce(long nonce) {
    if (nonce <= stateNonce) {
      return List.of();
    }
    Map<Long, PooledTx> below = byNonce.headMap(nonce, false);
    List<PooledTx> dropped = new ArrayList<>(below.values());
    for (PooledTx t : dropped) {
      totalCost = totalCost.subtract(t.cost());
      if (t.nonce() < pendingEnd) {
        pendingGas -= t.gas();
      }
    }
    below.clear();
    stateNonce = nonce;
    if (pendingEnd < nonce) {
      pendingEnd = nonce; // everything pending was below the new nonce and is gone
    }
    extendPendingRun();
    return dropped;
  }

  /** The pending transactions in nonce order (a live view). */
  Iterable<PooledTx> pending() {
    return byNonce.headMap(pendingEnd, false).values();
  }

  /** The queued transactions in nonce order (a live view). */
  Iterable<PooledTx> queued() {
    return byNonce.tailMap(pendingEnd, false).values();
  }

  private void extendPendingRun() {
    PooledTx next;
    while ((next = byNonce.get(pendingEnd)) != null) {
      pendingGas += next.gas();
      pendingEnd++;
    }
  }
}
