package dev.raftseq.node.it;

import static dev.raftseq.node.it.JsonRpcClient.quantity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * A follower down while the others purge the Raft log past its position (logs not kept for lagging
 * followers, small segments, a snapshot marker every few entries) catches up over p2p when it comes
 * back: it takes over a peer's log position (blocks replayed and verified, the committed set and
 * members installed), then applies Raft entries again, all while transfers keep flowing. Every
 * acknowledged transfer is included exactly once on every node, and the chains agree.
 */
class PurgedLogCatchUpIT {
  private static final int SENDERS = 24;
  private static final Duration SLOW = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void aFollowerBehindThePurgedLogCatchesUpOverP2pAndAppliesRaftEntriesAgain() throws Exception {
    Path genesis = ClusterFixture.genesisWithDevAccounts(dir, SENDERS + 1);
    Map<String, String> env = Map.of(
        "GENERAL_GENESIS_PATH", genesis.toString(),
        "CONSENSUS_LOG_KEEP_FOR_LAGGING_FOLLOWERS", "false",
        "CONSENSUS_LOG_SEGMENT_SIZE", "64KiB",
        "CONSENSUS_SNAPSHOT_INTERVAL_ENTRIES", "16",
        "CONSENSUS_LOG_PRESERVED_ENTRIES", "0");
    try (ClusterFixture c = new ClusterFixture(dir, env)) {
      try {
        run(c);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n" + c.logs(), e);
      }
    }
  }

  private void run(ClusterFixture c) throws Exception {
    c.startAll();
    int leader = c.awaitLeader(SLOW);
    int behind = (leader + 1) % 3;
    long chainId = quantity(c.rpc(leader).result("eth_chainId"));
    AckedTransferLoad load = new AckedTransferLoad(c, chainId, SENDERS);
    Set<String> acked = load.acked();
    try (load) {
      Poll.until(SLOW, "load flowing", () -> acked.size() >= 100);
      long appliedAtKill = raft(c, behind).path("last_applied_index").asLong();
      c.kill(behind);

      // the two others purge their logs past everything the stopped follower has
      Poll.until(Duration.ofMinutes(5), "logs purged past index " + appliedAtKill + " on both live nodes",
          () -> logStart(c, (behind + 1) % 3) > appliedAtKill + 1 && logStart(c, (behind + 2) % 3) > appliedAtKill + 1);
      long headWhileDown = ChainHistory.head(c.rpc(leader));

      c.start(behind);
      Poll.until(SLOW, "the restarted follower past the blocks made while it was down", () -> {
        JsonNode s = c.status(behind);
        return s != null && s.path("head").path("number").asLong() > headWhileDown;
      });
      // replay moves the head before the position is installed: wait for the install itself
      Poll.until(SLOW, "the restarted follower installing a peer's log position",
          () -> logOf(c, behind).contains("took over log position"));
      assertThat(logOf(c, behind)).as("it took over a peer's log position over p2p")
          .contains("taking over a peer's position");
      // and Raft entries apply on it again: its applied index follows the others'
      long othersCommit = raft(c, (behind + 1) % 3).path("commit_index").asLong();
      Poll.until(SLOW, "the follower applying Raft entries past " + othersCommit,
          () -> raft(c, behind).path("last_applied_index").asLong() >= othersCommit);
      int before = acked.size();
      Poll.until(SLOW, "load continues", () -> acked.size() >= before + 100);
    }

    // writes through the caught-up follower (forwarded over its Raft client) are included everywhere
    Credentials extra = Credentials.create(org.web3j.utils.Numeric.toHexString(
        dev.raftseq.chain.genesis.DevKeys.privateKey(dev.raftseq.chain.genesis.DevKeys.WELL_KNOWN + SENDERS)));
    String viaFollower = c.rpc(behind).result("eth_sendRawTransaction",
        Transfers.eip1559(chainId, extra, 0, AckedTransferLoad.TO, BigInteger.TEN)).asText();
    acked.add(viaFollower);

    List<JsonRpcClient> nodes = List.of(c.rpc(0), c.rpc(1), c.rpc(2));
    AckedTransferLoad.awaitSameHeadWithAll(c, nodes, acked, SLOW);
    Map<String, Long> inclusions = AckedTransferLoad.assertSameChainsWithoutDuplicates(nodes);
    assertThat(inclusions.keySet()).containsAll(acked);
    for (int i = 0; i < 3; i++) {
      assertThat(quantity(c.rpc(i).result("eth_getBalance", AckedTransferLoad.TO, "latest")))
          .as("balance on node %d", i + 1).isEqualTo(quantity(c.rpc(leader).result("eth_getBalance", AckedTransferLoad.TO, "latest")));
    }
    System.out.printf("PurgedLogCatchUpIT: %d acknowledged, %d answers without an outcome retried%n",
        acked.size(), load.unknownAnswers());
  }

  private static JsonNode raft(ClusterFixture c, int i) {
    JsonNode s = c.status(i);
    return s == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : s.path("consensus").path("raft");
  }

  private static String logOf(ClusterFixture c, int i) {
    try {
      return Files.readString(c.process(i).logFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long logStart(ClusterFixture c, int i) {
    return raft(c, i).path("log_start_index").asLong(-1);
  }
}
