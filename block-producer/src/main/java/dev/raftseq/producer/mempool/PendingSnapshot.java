package dev.raftseq.producer.mempool;

import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Candidates for one block: a heap of senders keyed by the effective tip of each sender's next
 * transaction (geth's transactionsByPriceAndNonce). Holds copies of the runs, so the pool may
 * change while a block is built from it. Not thread-safe: one builder consumes it.
 */
final class PendingSnapshot implements TxCandidates {

  /** One sender's executable run, consumed front to back. */
  private static final class Run {
    private final Address sender;
    private final List<PooledTx> txs;
    private int index;
    private BigInteger headTip;
    private boolean skipped;

    private Run(Address sender, List<PooledTx> txs) {
      this.sender = sender;
      this.txs = txs;
    }

    private PooledTx head() {
      return txs.get(index);
    }
  }

  private static final Comparator<Run> BEST_FIRST =
      Comparator.comparing((Run r) -> r.headTip)
          .reversed()
          .thenComparingLong(r -> r.head().seq());

  private final BigInteger baseFee;
  private final PriorityQueue<Run> heap;
  private final Map<Address, Run> bySender;
  private Run lastReturned;

  /** {@code runs} maps each sender to its executable transactions in nonce order (non-empty). */
  PendingSnapshot(Map<Address, List<PooledTx>> runs, BigInteger baseFee) {
    this.baseFee = baseFee;
    this.heap = new PriorityQueue<>(Math.max(1, runs.size()), BEST_FIRST);
    this.bySender = new HashMap<>(runs.size() * 2);
    for (Map.Entry<Address, List<PooledTx>> e : runs.entrySet()) {
      Run run = new Run(e.getKey(), e.getValue());
      run.headTip = PooledTx.effectiveTip(run.head().tx(), baseFee);
      bySender.put(run.sender, run);
      heap.add(run);
    }
  }

  @Override
  public RecoveredTx next() {
    // the sender of the previous candidate moves on only now, so skipSender can still stop it
    Run previous = lastReturned;
    lastReturned = null;
    if (previous != null && !previous.skipped && ++previous.index < previous.txs.size()) {
      previous.headTip = PooledTx.effectiveTip(previous.head().tx(), baseFee);
      heap.add(previous);
    }
    Run best = heap.poll();
    while (best != null && best.skipped) {
      best = heap.poll();
    }
    if (best == null) {
      return null;
    }
    lastReturned = best;
    return best.head().recovered();
  }

  @Override
  public void skipSender(Address sender) {
    Run run = bySender.get(sender);
    if (run != null) {
      run.skipped = true;
    }
  }
}
