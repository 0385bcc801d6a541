package dev.raftseq.systest.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The seeded schedule of a campaign: which fault each cycle injects, at whom (as a role), for
 * how long. The same seed and fault set always give the same plan. Every fault holds longer
 * longer than the campaign's election timeout (1-2 s), so a paused or cut leader loses its term.
 */
public final class FaultPlan {
  static final long MIN_HOLD_MS = 3_000;
  static final long MAX_HOLD_MS = 8_000;
  static final long MIN_QUIET_MS = 1_000;
  static final long MAX_QUIET_MS = 3_000;
  static final long MAX_CLOCK_JUMP_S = 120;
  static final long MIN_CLOCK_JUMP_S = 5;

  private FaultPlan() {}

  public static List<FaultSpec> plan(long seed, int cycles, Set<FaultKind> kinds) {
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("no fault kinds");
    }
    Random r = new Random(seed);
    List<FaultKind> order = List.copyOf(kinds);
    List<FaultSpec> out = new ArrayList<>();
    for (int c = 1; c <= cycles; c++) {
      // every kind once per round, in a seeded order, so short campaigns still cover them all
      int round = (c - 1) / order.size();
      int pos = (c - 1) % order.size();
      List<FaultKind> shuffled = new ArrayList<>(order);
      java.util.Collections.shuffle(shuffled, new Random(seed * 1_000_003L + round));
      FaultKind kind = shuffled.get(pos);
      FaultSpec.Target target = switch (r.nextInt(4)) {
        case 0, 1 -> FaultSpec.Target.LEADER; // the leader more often: that is where failover happens
        case 2 -> FaultSpec.Target.FOLLOWER;
        default -> FaultSpec.Target.ANY;
      };
      long hold = MIN_HOLD_MS + (long) (r.nextDouble() * (MAX_HOLD_MS - MIN_HOLD_MS));
      long quiet = MIN_QUIET_MS + (long) (r.nextDouble() * (MAX_QUIET_MS - MIN_QUIET_MS));
      boolean isolate = r.nextInt(3) != 0;
      long jump = MIN_CLOCK_JUMP_S + r.nextInt((int) (MAX_CLOCK_JUMP_S - MIN_CLOCK_JUMP_S + 1));
      long offset = r.nextBoolean() ? jump : -jump;
      out.add(new FaultSpec(c, kind, target, hold, quiet, isolate, offset));
    }
    return out;
  }
}
