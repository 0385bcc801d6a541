package dev.raftseq.systest.check;

import dev.raftseq.chain.types.Hash;
import java.util.Map;

/** Invariant 5: every acknowledged transaction is in the final chain exactly once. */
final class AcknowledgedIncludedOnce implements Invariant {
  @Override
  public String name() {
    return "acknowledged_included_once";
  }

  @Override
  public void check(CheckContext ctx, Tally t) {
    Map<Hash, Integer> counts = ctx.inclusionCounts();
    for (Hash h : ctx.acknowledged) {
      t.checked();
      int n = counts.getOrDefault(h, 0);
      if (n == 0) {
        t.violation("acknowledged transaction %s is lost (in no block)", h);
      } else if (n > 1) {
        t.violation("acknowledged transaction %s is included %d times", h, n);
      }
    }
  }
}
