package dev.raftseq.systest.check;

import dev.raftseq.chain.types.Hash;
import java.util.Map;

/** Invariant 6a: no transaction hash appears twice in the chain, acknowledged or not. */
final class NoDuplicates implements Invariant {
  @Override
  public String name() {
    return "no_duplicates";
  }

  @Override
  public void check(CheckContext ctx, Tally t) {
    for (Map.Entry<Hash, Integer> e : ctx.inclusionCounts().entrySet()) {
      t.checked();
      if (e.getValue() > 1) {
        t.violation("transaction %s is included %d times", e.getKey(), e.getValue());
      }
    }
  }
}
