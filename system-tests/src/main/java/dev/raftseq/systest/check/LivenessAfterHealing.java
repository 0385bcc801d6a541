package dev.raftseq.systest.check;

import dev.raftseq.systest.history.Op;
import dev.raftseq.systest.history.OpType;
import dev.raftseq.systest.history.Ops;
import java.util.List;

/**
 * Invariant 11: after the last fault healed the harness saw the cluster produce again (a
 * liveness ok after the last nemesis record), and at the end every node has the same head.
 */
final class LivenessAfterHealing implements Invariant {
  @Override
  public String name() {
    return "liveness_after_healing";
  }

  @Override
  public void check(CheckContext ctx, Tally t) {
    t.checked();
    List<Op> after = ctx.history.of(Ops.LIVENESS).filter(o -> o.index() > ctx.lastNemesisIndex).toList();
    if (after.isEmpty()) {
      t.violation("no liveness check after the last fault");
    } else if (after.stream().noneMatch(o -> o.type() == OpType.OK)) {
      t.violation("the cluster did not recover after the last fault: %s", after.get(after.size() - 1).value());
    }
    if (ctx.reference == null) {
      return;
    }
    for (NodeChain c : ctx.chains) {
      t.checked();
      if (c.head() != ctx.reference.head()) {
        t.violation("%s ended at head %d, %s at %d", c.node(), c.head(), ctx.reference.node(), ctx.reference.head());
      }
    }
  }
}
