package dev.raftseq.systest.check;

import dev.raftseq.chain.types.Hash;
import dev.raftseq.systest.history.OpType;
import java.util.EnumSet;
import java.util.Map;

/**
 * Invariant 7: every included transaction was submitted by a client, and none whose every
 * submission was definitely refused (fail, never ok or info) is included.
 */
final class NoPhantoms implements Invariant {
  @Override
  public String name() {
    return "no_phantoms";
  }

  @Override
  public void check(CheckContext ctx, Tally t) {
    for (Hash h : ctx.inclusionCounts().keySet()) {
      t.checked();
      if (!ctx.invoked.contains(h)) {
        t.violation("transaction %s is included but no client submitted it", h);
        continue;
      }
      EnumSet<OpType> outcomes = ctx.outcomes.getOrDefault(h, EnumSet.noneOf(OpType.class));
      if (outcomes.equals(EnumSet.of(OpType.FAIL))) {
        t.violation("transaction %s is included although every submission of it was refused", h);
      }
    }
  }
}
