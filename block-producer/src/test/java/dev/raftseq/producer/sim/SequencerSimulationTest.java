package dev.raftseq.producer.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded schedules of the deterministic simulation (see {@link SimCluster}), each checked after
 * every step. A failure names its seed; {@code -Dsim.seed=S} replays that one schedule, and
 * {@code -Dsim.schedules=N -Dsim.firstSeed=F} runs a longer campaign (see README).
 */
class SequencerSimulationTest {
  private static final int SCHEDULES = Integer.getInteger("sim.schedules", 1_000);
  private static final long FIRST_SEED = Long.getLong("sim.firstSeed", 1);
  private static final long FAULTY_MILLIS = 2_000;
  private static final long HEAL_MILLIS = 1_000;

  @Test
  void everyScheduleKeepsEveryInvariant() {
    String one = System.getProperty("sim.seed");
    long first = one != null ? Long.parseLong(one) : FIRST_SEED;
    int schedules = one != null ? 1 : SCHEDULES;
    Map<String, Integer> totals = new TreeMap<>();
    long acknowledged = 0;
    long unknown = 0;
    long blocks = 0;
    long started = System.nanoTime();
    long cpuStarted = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    for (long seed = first; seed < first + schedules; seed++) {
      SimCluster c = run(seed);
      assertThat(c.invariants.violations()).as("seed %d (replay with -Dsim.seed=%d)", seed, seed).isEmpty();
      c.counts.forEach((k, v) -> totals.merge(k, v, Integer::sum));
      acknowledged += c.invariants.acknowledgedCount();
      unknown += c.invariants.outcomeUnknown();
      blocks += c.nodes.get(0).store.head().number();
    }
    double cpu = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted) / 1e9;
    System.out.printf("SIM %d schedules from seed %d in %.1f s (%.1f s CPU): %d acknowledged transactions, %d with"
            + " unknown outcome, %d blocks; faults %s%n", schedules, first, (System.nanoTime() - started) / 1e9, cpu,
        acknowledged, unknown, blocks, totals);
    assertThat(acknowledged).as("the schedules did acknowledge transactions").isPositive();
    assertThat(blocks).as("the schedules did produce blocks").isPositive();
  }

  static SimCluster run(long seed) {
    SimCluster c = new SimCluster(seed, 3);
    c.runFor(FAULTY_MILLIS);
    c.heal(HEAL_MILLIS);
    c.invariants.checkSettled();
    return c;
  }
}
