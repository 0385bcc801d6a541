package dev.raftseq.node.it;

import static dev.raftseq.node.it.JsonRpcClient.quantity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Membership changes on a running cluster through the admin API: a fourth node (started with
 * bootstrap=false) is added by its enode, catches up, leads for a while (a transfer forces it), and is
 * removed again, while blocks keep coming. Every node agrees on every block, those the fourth node
 * sealed included; a restarted member knows the membership from its database.
 */
class MembershipIT {
  private static final Duration UP = Duration.ofSeconds(90);
  private static final Duration SOON = Duration.ofSeconds(30);
  private static final String TO = "0x2222222222222222222222222222222222222222";

  @TempDir Path dir;

  @Test
  void growToFourLetTheNewMemberLeadAndShrinkBackWhileBlocksKeepComing() {
    try (ClusterFixture c = new ClusterFixture(dir, Map.of("SEQUENCER_PRODUCE_EMPTY_BLOCKS", "true"), 1)) {
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
    long chainId = quantity(c.rpc(leader).result("eth_chainId"));
    long[] nonce = {0};
    String first = transfer(c, (leader + 1) % 3, chainId, nonce);

    // ---- the fourth node starts outside the group and is added by its enode
    c.start(3);
    Poll.until(UP, "node 4 answers /status", () -> c.status(3) != null);
    assertThat(c.status(3).path("consensus").path("raft").path("peers")).as("not a member yet").isEmpty();
    AdminClient.Reply added = AdminClient.post(c.adminPort(leader), "/admin/members",
        "{\"enode\":\"" + c.enode(3) + "\"}");
    assertThat(added.status()).as("%s", added.body()).isEqualTo(200);
    assertThat(added.body().get("members")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("0x" + ClusterFixture.id(0), "0x" + ClusterFixture.id(1), "0x" + ClusterFixture.id(2),
            "0x" + ClusterFixture.id(3));
    Poll.until(UP, "node 4 caught up and knows four members", () -> {
      JsonNode s = c.status(3);
      return s != null && s.path("consensus").path("raft").path("peers").size() == 4
          && ChainHistory.head(c.rpc(3)) >= ChainHistory.head(c.rpc(leader)) - 2;
    });
    Poll.until(SOON, "every member counts four members", () -> {
      for (int i = 0; i < 4; i++) {
        if (MetricsScrape.value(MetricsScrape.scrape(c.metricsPort(i)), "consensus_members") != 4) {
          return false;
        }
      }
      return true;
    });
    Poll.until(SOON, "a transfer before the change is included",
        () -> !c.rpc(3).result("eth_getTransactionReceipt", first).isNull());

    // ---- the new member leads: its blocks are accepted by all
    int current = c.awaitLeader(SOON);
    AdminClient.Reply toFourth = AdminClient.post(c.adminPort(current), "/admin/transfer-leadership",
        "{\"peer_id\":\"0x" + ClusterFixture.id(3) + "\"}");
    assertThat(toFourth.status()).as("%s", toFourth.body()).isEqualTo(200);
    Poll.until(SOON, "node 4 leads", () -> c.leader() == 3);
    String viaFourth = transfer(c, 3, chainId, nonce);
    long ledFrom = ChainHistory.head(c.rpc(3));
    Poll.until(SOON, "node 4 sealed blocks", () -> ChainHistory.head(c.rpc(0)) > ledFrom + 5);
    Poll.until(SOON, "a transfer through node 4 is included",
        () -> !c.rpc(0).result("eth_getTransactionReceipt", viaFourth).isNull());
    AdminClient.Reply back = AdminClient.post(c.adminPort(3), "/admin/transfer-leadership",
        "{\"peer_id\":\"0x" + ClusterFixture.id(0) + "\"}");
    assertThat(back.status()).as("%s", back.body()).isEqualTo(200);
    Poll.until(SOON, "node 1 leads again", () -> c.leader() == 0);

    // ---- shrink back to three while blocks keep coming
    AdminClient.Reply removed = AdminClient.send(c.adminPort(0), "DELETE", "/admin/members/0x" + ClusterFixture.id(3),
        null, ClusterFixture.ADMIN_TOKEN);
    assertThat(removed.status()).as("%s", removed.body()).isEqualTo(200);
    assertThat(removed.body().get("members")).hasSize(3);
    long fourthHead = ChainHistory.head(c.rpc(3));
    List<ChainHistory.BlockInfo> seenByFourth = ChainHistory.blocks(c.rpc(3), 1, fourthHead);
    c.stop(3);
    long afterRemoval = ChainHistory.head(c.rpc(0));
    Poll.until(SOON, "blocks keep coming with three members", () -> ChainHistory.head(c.rpc(0)) > afterRemoval + 5);
    String afterShrink = transfer(c, 1, chainId, nonce);
    Poll.until(SOON, "a transfer after the change is included",
        () -> !c.rpc(0).result("eth_getTransactionReceipt", afterShrink).isNull());

    // ---- a restarted member knows the membership from its database and follows
    c.stop(2);
    c.start(2);
    long target = ChainHistory.head(c.rpc(0));
    Poll.until(UP, "node 3 restarted and caught up",
        () -> c.status(2) != null && ChainHistory.head(c.rpc(2)) >= target);
    assertThat(c.status(2).path("consensus").path("raft").path("peers")).hasSize(3);

    // ---- every node agrees on every block, node 4's included
    long head = ChainHistory.head(c.rpc(0));
    Poll.until(SOON, "nodes 2 and 3 reach " + head,
        () -> ChainHistory.head(c.rpc(1)) >= head && ChainHistory.head(c.rpc(2)) >= head);
    List<JsonRpcClient> members = new ArrayList<>(List.of(c.rpc(0), c.rpc(1), c.rpc(2)));
    ChainHistory.assertSameChain(members, 1, head);
    List<ChainHistory.BlockInfo> chain = ChainHistory.blocks(c.rpc(0), 1, head);
    assertThat(chain.subList(0, seenByFourth.size())).as("node 4's view of the chain").isEqualTo(seenByFourth);
    long byFourth = chain.stream().filter(b -> b.miner().equals(ClusterFixture.sealer(3))).count();
    assertThat(byFourth).as("blocks sealed by node 4 while it led").isGreaterThanOrEqualTo(5);
    System.out.println("[MembershipIT] " + head + " blocks, " + byFourth + " sealed by the fourth member");
  }

  private static String transfer(ClusterFixture c, int via, long chainId, long[] nonce) {
    String raw = Transfers.eip1559(chainId, Transfers.dev(3), nonce[0], TO, BigInteger.ONE);
    String hash = c.rpc(via).result("eth_sendRawTransaction", raw).asText();
    nonce[0]++;
    return hash;
  }
}
