package dev.raftseq.node.it;

import static dev.raftseq.node.it.JsonRpcClient.quantity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 002's failover check as a process test: three real node JVMs started with the seed's
 * environment variables; transfers sent to a follower; the leader killed with SIGKILL; a new
 * leader produces; every acknowledged transfer is included exactly once; the killed node rejoins
 * as follower and reaches the same head. Five rounds, then no fork at any height.
 */
class ClusterFailoverIT {
  private static final String TO = "0x1111111111111111111111111111111111111111";
  private static final Duration ELECTION = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void leaderKilledFiveTimesLosesNothingAndNeverForks() {
    try (ClusterFixture c = new ClusterFixture(dir)) {
      try {
        run(c);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n" + c.logs(), e);
      }
    }
  }

  private void run(ClusterFixture c) {
    c.startAll();
    int leader = c.awaitLeader(Duration.ofSeconds(90));
    long chainId = quantity(c.rpc(leader).result("eth_chainId"));
    Set<String> acked = new LinkedHashSet<>();
    long[] nonces = new long[10];

    for (int round = 0; round < 5; round++) {
      leader = c.awaitLeader(ELECTION);
      int follower = (leader + 1) % 3;
      for (int k = 0; k < 10; k++) {
        String raw = Transfers.eip1559(chainId, Transfers.dev(k), nonces[k], TO, BigInteger.valueOf(round + 1));
        JsonNode r = c.rpc(follower).call("eth_sendRawTransaction", raw);
        assertThat(r.has("result")).as("ack from follower: %s", r).isTrue();
        nonces[k]++;
        acked.add(r.get("result").asText());
      }
      // Kill right after the acknowledgements, so some are not in a block yet.
      c.kill(leader);
      int killed = leader;
      int next = c.awaitLeader(ELECTION);
      assertThat(next).isNotEqualTo(killed);

      // The new leader produces the next block: one more transfer through it gets a receipt.
      String raw = Transfers.legacy(chainId, Transfers.dev(0), nonces[0], TO, BigInteger.ONE);
      String probe = c.rpc(next).result("eth_sendRawTransaction", raw).asText();
      nonces[0]++;
      acked.add(probe);
      JsonRpcClient nextRpc = c.rpc(next);
      Poll.until(ELECTION, "new leader includes " + probe, () -> !nextRpc.result("eth_getTransactionReceipt", probe).isNull());

      for (String h : acked) {
        Poll.until(ELECTION, "acknowledged " + h + " included", () -> {
          JsonNode rc = nextRpc.result("eth_getTransactionReceipt", h);
          return !rc.isNull() && "0x1".equals(rc.get("status").asText());
        });
      }

      c.start(killed);
      Poll.until(Duration.ofSeconds(60), "node " + (killed + 1) + " rejoins as follower at the same head", () -> {
        JsonNode s = c.status(killed);
        JsonNode l = c.status(next);
        return s != null && l != null
            && "Follower".equals(s.path("consensus").path("raft").path("state").asText())
            && s.path("head").path("hash").asText().equals(l.path("head").path("hash").asText());
      });
    }

    assertNoForkAndNoDuplicates(c, acked);
  }

  private void assertNoForkAndNoDuplicates(ClusterFixture c, Set<String> acked) {
    long minHead = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      minHead = Math.min(minHead, quantity(c.rpc(i).result("eth_blockNumber")));
    }
    Map<String, Long> seen = new HashMap<>();
    List<String> duplicates = new ArrayList<>();
    String parent = null;
    long lastTs = 0;
    for (long h = 0; h <= minHead; h++) {
      String tag = "0x" + Long.toHexString(h);
      JsonNode b0 = c.rpc(0).result("eth_getBlockByNumber", tag, false);
      for (int i = 1; i < 3; i++) {
        JsonNode bi = c.rpc(i).result("eth_getBlockByNumber", tag, false);
        assertThat(bi.get("hash").asText()).as("block %d on node %d", h, i + 1).isEqualTo(b0.get("hash").asText());
      }
      if (parent != null) {
        assertThat(b0.get("parentHash").asText()).as("hash chain at %d", h).isEqualTo(parent);
      }
      long ts = quantity(b0.get("timestamp"));
      assertThat(ts).as("timestamps never decrease").isGreaterThanOrEqualTo(lastTs);
      lastTs = ts;
      parent = b0.get("hash").asText();
      for (JsonNode tx : b0.get("transactions")) {
        if (seen.put(tx.asText(), h) != null) {
          duplicates.add(tx.asText());
        }
      }
    }
    assertThat(duplicates).as("transactions included twice").isEmpty();
    assertThat(seen.keySet()).as("every acknowledged transaction is in the chain").containsAll(acked);
  }
}
