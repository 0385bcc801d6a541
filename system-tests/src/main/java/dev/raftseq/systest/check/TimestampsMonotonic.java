package dev.raftseq.systest.check;

/**
 * Invariant 8: block timestamps (seconds and the seal's milliseconds) never decrease along the
 * chain, and none is later than when the chains were read plus the largest forward clock offset
 * the nemesis gave any node, plus a slack for the harness's own timing.
 */
final class TimestampsMonotonic implements Invariant {
  static final long SLACK_MS = 10_000;

  @Override
  public String name() {
    return "timestamps_monotonic";
  }

  @Override
  public void check(CheckContext ctx, Tally t) {
    if (ctx.reference == null) {
      return;
    }
    long bound = ctx.chainsReadWall + ctx.maxClockAheadMs + SLACK_MS;
    ChainBlock prev = null;
    for (ChainBlock b : ctx.reference.blocks()) {
      t.checked();
      if (prev != null && (b.timestamp() < prev.timestamp() || b.sealMillis() < prev.sealMillis())) {
        t.violation("block %d: time %d s / %d ms is before block %d's %d s / %d ms", b.number(), b.timestamp(),
            b.sealMillis(), prev.number(), prev.timestamp(), prev.sealMillis());
      }
      if (b.number() > 0 && b.sealMillis() > bound) {
        t.violation("block %d: time %d ms is %d ms in the future of the run", b.number(), b.sealMillis(),
            b.sealMillis() - ctx.chainsReadWall);
      }
      prev = b;
    }
  }
}
