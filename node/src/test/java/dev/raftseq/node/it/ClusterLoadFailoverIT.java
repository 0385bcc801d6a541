package dev.raftseq.node.it;

import static dev.raftseq.node.it.JsonRpcClient.quantity;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steady transfers from many accounts ({@link AckedTransferLoad}) into a three-node cluster while its
 * leader is killed with SIGKILL twice: afterwards every transfer any node acknowledged is included
 * exactly once, on every node, with the same block at every height.
 */
class ClusterLoadFailoverIT {
  private static final int SENDERS = 40;
  private static final Duration ELECTION = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void everyAcknowledgedTransferUnderLoadSurvivesTwoLeaderKills() throws Exception {
    Path genesis = ClusterFixture.genesisWithDevAccounts(dir, SENDERS);
    try (ClusterFixture c = new ClusterFixture(dir, Map.of("GENERAL_GENESIS_PATH", genesis.toString()))) {
      try {
        run(c);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n" + c.logs(), e);
      }
    }
  }

  /** The local genesis plus SENDERS more dev accounts (indices 10..). */
  private void run(ClusterFixture c) throws Exception {
    c.startAll();
    int leader = c.awaitLeader(Duration.ofSeconds(120));
    long chainId = quantity(c.rpc(leader).result("eth_chainId"));
    AckedTransferLoad load = new AckedTransferLoad(c, chainId, SENDERS);
    Set<String> acked = load.acked();
    try (load) {
      for (int kill = 0; kill < 2; kill++) {
        int before = acked.size();
        Poll.until(Duration.ofSeconds(60), "load flowing (" + acked.size() + " acknowledged)",
            () -> acked.size() >= before + 100);
        int victim = c.awaitLeader(ELECTION);
        c.kill(victim);
        int next = c.awaitLeader(ELECTION);
        assertThat(next).isNotEqualTo(victim);
        int afterKill = acked.size();
        Poll.until(Duration.ofSeconds(60), "load continues under the new leader",
            () -> acked.size() >= afterKill + 100);
        c.start(victim);
      }
    }

    // every node caught up to the same head, and every acknowledged transfer is in it exactly once
    List<JsonRpcClient> nodes = List.of(c.rpc(0), c.rpc(1), c.rpc(2));
    AckedTransferLoad.awaitSameHeadWithAll(c, nodes, acked, Duration.ofSeconds(90));
    Map<String, Long> inclusions = AckedTransferLoad.assertSameChainsWithoutDuplicates(nodes);
    assertThat(inclusions.keySet()).as("every acknowledged transfer is included").containsAll(acked);
    assertThat(acked.size()).as("transfers acknowledged across two leader kills").isGreaterThanOrEqualTo(400);
    System.out.printf("ClusterLoadFailoverIT: %d acknowledged, %d answers without an outcome retried, %d included%n",
        acked.size(), load.unknownAnswers(), inclusions.size());
  }
}
