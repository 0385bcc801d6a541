package dev.raftseq.systest.check;

import dev.raftseq.chain.types.Hash;
import java.util.HashMap;
import java.util.Map;

/** Invariant 1: at every height, every node that has a block there has the same block. */
final class NoFork implements Invariant {
  @Override
  public String name() {
    return "no_fork";
  }

  @Override
  public void check(CheckContext ctx, Tally t) {
    Map<Long, Hash> canonical = new HashMap<>();
    Map<Long, String> firstSeenOn = new HashMap<>();
    for (NodeChain c : ctx.chains) {
      for (ChainBlock b : c.blocks()) {
        Hash seen = canonical.putIfAbsent(b.number(), b.computedHash());
        if (seen == null) {
          firstSeenOn.put(b.number(), c.node());
        } else {
          t.checked();
          if (!seen.equals(b.computedHash())) {
            t.violation("fork at height %d: %s has %s, %s has %s", b.number(), firstSeenOn.get(b.number()), seen,
                c.node(), b.computedHash());
          }
        }
      }
    }
  }
}
