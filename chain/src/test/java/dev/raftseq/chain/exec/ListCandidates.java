package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Candidates in a fixed order; a skipped sender's remaining transactions are passed over. */
final class ListCandidates implements TxCandidates {
  private final Deque<RecoveredTx> queue;
  private final Set<Address> skipped = new HashSet<>();
  private int taken;

  ListCandidates(List<RecoveredTx> txs) {
    this.queue = new ArrayDeque<>(txs);
  }

  @Override
  public RecoveredTx next() {
    while (!queue.isEmpty()) {
      RecoveredTx tx = queue.poll();
      if (!skipped.contains(tx.sender())) {
        taken++;
        return tx;
      }
    }
    return null;
  }

  @Override
  public void skipSender(Address sender) {
    skipped.add(sender);
  }

  Set<Address> skipped() {
    return skipped;
  }

  /** How many candidates {@link #next} handed out. */
  int taken() {
    return taken;
  }
}
