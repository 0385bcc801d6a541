package dev.raftseq.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling restart as an operator does it: SIGTERM each node in turn, followers first and the
 * leader last, each restarted and caught up before the next stops. A stopping leader hands
 * leadership to a follower first, so the chain stalls for less than a failover: the longest gap
 * between consecutive blocks (their sealed millisecond timestamps) stays below FailoverBench's p50 of
 * a kill -9 failover on this machine (1,129 ms). On a machine slower than when that was measured
 * (2 shared cores, often heavily loaded), the same run also measures a kill -9 failover of the leader,
 * and the rolling restart must stall less than that.
 */
class RollingRestartIT {
  /** FailoverBench p50 (kill -9 of the leader to the first block sealed by another node), README. */
  static final long FAILOVER_P50_MILLIS = 1_129;
  private static final Duration UP = Duration.ofSeconds(90);
  private static final Duration SOON = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void restartingEveryNodeLeaderLastStallsTheChainLessThanAFailover() {
    // Ratis's election and transfer steps at INFO, so a long gap can be read from the logs
    try (ClusterFixture c = new ClusterFixture(dir, Map.of("SEQUENCER_PRODUCE_EMPTY_BLOCKS", "true",
        "OBSERVABILITY_LOG_LEVELS", "org.apache.ratis.server.impl.LeaderElection=info,"
            + "org.apache.ratis.server.impl.TransferLeadership=info"))) {
      try {
        run(c);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n" + c.logs(), e);
      }
    }
  }

  private void run(ClusterFixture c) {
    c.startAll();
    int leader = c.awaitLeader(UP);
    for (int i = 0; i < 3; i++) {
      int n = i;
      Poll.until(UP, "node " + n + " ready", () -> StatusProbe.code(c.statusPort(n), "/status/ready") == 200);
    }
    long start = ChainHistory.head(c.rpc(leader));
    Poll.until(SOON, "steady production", () -> ChainHistory.head(c.rpc(leader)) > start + 8);
    long from = ChainHistory.head(c.rpc(leader));

    List<Integer> order = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      order.add((leader + i) % 3);
    }
    order.add(leader);
    List<String> handOffs = new ArrayList<>();
    for (int node : order) {
      boolean wasLeader = c.leader() == node;
      long before = ChainHistory.head(c.rpc((node + 1) % 3));
      c.stop(node); // SIGTERM; returns once the process exited
      assertThat(c.process(node).exitCode()).as("node %s exit code after SIGTERM", node).isNotNull();
      int other = (node + 1) % 3;
      Poll.until(SOON, "the chain goes on without node " + node, () -> ChainHistory.head(c.rpc(other)) > before + 3);
      if (wasLeader) {
        handOffs.add("leader node " + node + " -> node " + c.awaitLeader(SOON));
      }
      c.start(node);
      Poll.until(UP, "node " + node + " back and ready", () -> StatusProbe.code(c.statusPort(node), "/status/ready") == 200);
      long target = ChainHistory.head(c.rpc(other));
      Poll.until(UP, "node " + node + " caught up", () -> ChainHistory.head(c.rpc(node)) >= target);
      // as an operator would, let the restarted node follow for a few seconds before stopping the next
      Poll.until(UP, "node " + node + " follows", () -> ChainHistory.head(c.rpc(node)) >= target + 12);
    }
    assertThat(handOffs).as("the leader was stopped last, once").hasSize(1);
    int last = c.awaitLeader(SOON);
    long afterAll = ChainHistory.head(c.rpc(last));
    Poll.until(SOON, "production after the restarts", () -> ChainHistory.head(c.rpc(last)) > afterAll + 4);
    long to = ChainHistory.head(c.rpc(last));
    Poll.until(SOON, "every node reaches " + to, () -> {
      for (int i = 0; i < 3; i++) {
        if (ChainHistory.head(c.rpc(i)) < to) {
          return false;
        }
      }
      return true;
    });

    List<JsonRpcClient> rpcs = List.of(c.rpc(0), c.rpc(1), c.rpc(2));
    ChainHistory.assertSameChain(rpcs, from, to);
    List<ChainHistory.BlockInfo> blocks = ChainHistory.blocks(c.rpc(0), from, to);
    long maxGap = ChainHistory.maxGapMillis(blocks);
    for (int k = 1; k < blocks.size(); k++) {
      long gap = blocks.get(k).timestampMillis() - blocks.get(k - 1).timestampMillis();
      if (gap > 2 * 250) {
        System.out.println("[RollingRestartIT] gap of " + gap + " ms before block " + blocks.get(k).number() + " ("
            + blocks.get(k - 1).miner() + " term " + blocks.get(k - 1).term() + " -> " + blocks.get(k).miner() + " term "
            + blocks.get(k).term() + ", at " + blocks.get(k).timestampMillis() + ")");
      }
    }
    System.out.println("[RollingRestartIT] " + blocks.size() + " blocks across the rolling restart ("
        + handOffs + "): longest gap between blocks " + maxGap + " ms (failover p50 " + FAILOVER_P50_MILLIS + " ms)");

    // the baseline under today's load: kill -9 the leader and time the chain's stall
    int victim = c.awaitLeader(SOON);
    int witness = (victim + 1) % 3;
    long beforeKill = ChainHistory.head(c.rpc(witness));
    c.kill(victim);
    Poll.until(UP, "a new leader produces after the kill", () -> ChainHistory.head(c.rpc(witness)) > beforeKill + 3);
    long afterKill = ChainHistory.head(c.rpc(witness));
    long failoverGap = ChainHistory.maxGapMillis(ChainHistory.blocks(c.rpc(witness), beforeKill - 1, afterKill));
    System.out.println("[RollingRestartIT] kill -9 failover in the same run: longest gap " + failoverGap + " ms");
    assertThat(maxGap).as("longest gap between consecutive blocks across the rolling restart, ms (failover p50 %s ms,"
        + " a kill -9 failover in this run %s ms)", FAILOVER_P50_MILLIS, failoverGap)
        .isLessThan(Math.max(FAILOVER_P50_MILLIS, failoverGap));
  }
}
