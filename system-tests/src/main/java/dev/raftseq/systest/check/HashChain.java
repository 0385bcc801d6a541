package dev.raftseq.systest.check;

/**
 * Invariant 2, per node: heights 0..head without a hole, each block's parent hash is the hash of
 * the block below it, and each reported hash is the hash of the header the node served.
 */
final class HashChain implements Invariant {
  @Override
  public String name() {
    return "hash_chain";
  }

  @Override
  public void check(CheckContext ctx, Tally t) {
    for (NodeChain c : ctx.chains) {
      ChainBlock prev = null;
      long expected = 0;
      for (ChainBlock b : c.blocks()) {
        t.checked();
        if (b.number() != expected) {
          t.violation("%s: block %d where %d was expected (a gap or repeat)", c.node(), b.number(), expected);
        }
        if (!b.reportedHash().equals(b.computedHash())) {
          t.violation("%s: block %d reported hash %s but its header hashes to %s", c.node(), b.number(),
              b.reportedHash(), b.computedHash());
        }
        if (prev != null && !b.parentHash().equals(prev.computedHash())) {
          t.violation("%s: block %d parent %s is not block %d %s", c.node(), b.number(), b.parentHash(),
              prev.number(), prev.computedHash());
        }
        prev = b;
        expected = b.number() + 1;
      }
      if (c.blocks().isEmpty()) {
        t.violation("%s: no blocks at all (not even genesis)", c.node());
      }
    }
  }
}
