package dev.raftseq.producer;

import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.producer.mempool.TxPoolListener;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the committed set's removals while one entry is applied, so the apply path writes them in
 * that entry's batch; counts each and logs those that are not inclusions. Used only by the pool's
 * single writer.
 */
final class RemovalLog implements TxPoolListener {
  private static final Logger LOG = LoggerFactory.getLogger(RemovalLog.class);

  private final String nodeTag;
  private final CoreMetrics metrics;
  private final List<Hash> included = new ArrayList<>();
  private final List<Hash> others = new ArrayList<>();

  RemovalLog(String nodeTag, CoreMetrics metrics) {
    this.nodeTag = nodeTag;
    this.metrics = metrics;
  }

  @Override
  public void removed(RecoveredTx tx, Removal why) {
    metrics.removed(why.name());
    if (why == Removal.INCLUDED) {
      included.add(tx.hash());
      return;
    }
    LOG.info("[{}] {} left the committed set: {}", nodeTag, tx, describe(why));
    others.add(tx.hash());
  }

  /** Hashes removed for another reason than inclusion since the last call; clears both lists. */
  List<Hash> drainNotIncluded() {
    List<Hash> out = List.copyOf(others);
    others.clear();
    included.clear();
    return out;
  }

  /** Every hash removed since the last call, inclusions too; clears both lists. */
  List<Hash> drainAll() {
    List<Hash> out = new ArrayList<>(included.size() + others.size());
    out.addAll(included);
    out.addAll(others);
    included.clear();
    others.clear();
    return out;
  }

  private static String describe(Removal why) {
    return switch (why) {
      case NONCE_USED -> "its nonce was used by another transaction";
      case REPLACED -> "replaced by a better-paying one with the same nonce";
      case DROPPED -> "the leader found it can never be included";
      case INCLUDED -> "included";
    };
  }
}
