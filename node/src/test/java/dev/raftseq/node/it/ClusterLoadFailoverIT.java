package dev.raftseq.node.it;

import static dev.raftseq.node.it.JsonRpcClient.quantity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.genesis.DevKeys;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * Steady transfers from many accounts into a three-node cluster while its leader is killed with
 * SIGKILL twice: afterwards every transfer any node acknowledged is included exactly once, on every
 * node, with the same block at every height. Each sender sends its next nonce only once the previous
 * one was acknowledged; an answer that does not say (a timeout, "not committed") is retried with the
 * very same bytes, as a careful client would.
 */
class ClusterLoadFailoverIT {
  private static final int SENDERS = 40;
  private static final String TO = "0x2222222222222222222222222222222222222222";
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
    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger unknownAnswers = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      Credentials from = Credentials.create(org.web3j.utils.Numeric.toHexString(DevKeys.privateKey(DevKeys.WELL_KNOWN + s)));
      senders.add(pool.submit(() -> send(c, chainId, from, acked, stop, unknownAnswers)));
    }
    try {
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
    } finally {
      stop.set(true);
      for (Future<?> f : senders) {
        f.get();
      }
      pool.shutdown();
    }

    // every node caught up to the same head, and every acknowledged transfer is in it exactly once
    Poll.until(Duration.ofSeconds(90), "every node at the same head with every acknowledged transfer", () -> {
      String head = null;
      for (int i = 0; i < 3; i++) {
        JsonNode s = c.status(i);
        if (s == null) {
          return false;
        }
        String h = s.path("head").path("hash").asText();
        if (head != null && !head.equals(h)) {
          return false;
        }
        head = h;
      }
      return includedEverywhere(c, acked);
    });
    Map<String, Long> inclusions = assertSameChainsWithoutDuplicates(c);
    assertThat(inclusions.keySet()).as("every acknowledged transfer is included").containsAll(acked);
    assertThat(acked.size()).as("transfers acknowledged across two leader kills").isGreaterThanOrEqualTo(400);
    System.out.printf("ClusterLoadFailoverIT: %d acknowledged, %d answers without an outcome retried, %d included%n",
        acked.size(), unknownAnswers.get(), inclusions.size());
  }

  /** One sender's loop: send nonce n to a random live node until the answer says it is committed. */
  private static void send(ClusterFixture c, long chainId, Credentials from, Set<String> acked, AtomicBoolean stop,
      AtomicInteger unknown) {
    long nonce = 0;
    String raw = null;
    while (!stop.get()) {
      if (raw == null) {
        raw = Transfers.eip1559(chainId, from, nonce, TO, BigInteger.ONE);
      }
      int node = ThreadLocalRandom.current().nextInt(3);
      if (!c.alive(node)) {
        continue;
      }
      JsonNode r;
      try {
        r = c.rpc(node).call("eth_sendRawTransaction", raw);
      } catch (RuntimeException e) {
        unknown.incrementAndGet();
        continue; // connection refused or reset by a killed node: same bytes again
      }
      if (r.has("result")) {
        acked.add(r.get("result").asText());
        nonce++;
        raw = null;
        continue;
      }
      String message = r.path("error").path("message").asText();
      if (message.startsWith("already known") || message.startsWith("nonce too low")) {
        // an earlier attempt with these bytes committed after all: its hash is acknowledged by the chain
        nonce++;
        raw = null;
      } else {
        unknown.incrementAndGet(); // not committed (yet): try again
      }
    }
  }

  private static boolean includedEverywhere(ClusterFixture c, Set<String> acked) {
    for (int i = 0; i < 3; i++) {
      JsonRpcClient rpc = c.rpc(i);
      for (String h : acked) {
        if (rpc.result("eth_getTransactionReceipt", h).isNull()) {
          return false;
        }
      }
    }
    return true;
  }

  private static Map<String, Long> assertSameChainsWithoutDuplicates(ClusterFixture c) {
    long head = quantity(c.rpc(0).result("eth_blockNumber"));
    Map<String, Long> seen = new HashMap<>();
    String parent = null;
    for (long h = 0; h <= head; h++) {
      String tag = "0x" + Long.toHexString(h);
      JsonNode b0 = c.rpc(0).result("eth_getBlockByNumber", tag, false);
      for (int i = 1; i < 3; i++) {
        assertThat(c.rpc(i).result("eth_getBlockByNumber", tag, false).get("hash").asText())
            .as("block %d on node %d", h, i + 1).isEqualTo(b0.get("hash").asText());
      }
      if (parent != null) {
        assertThat(b0.get("parentHash").asText()).as("hash chain at %d", h).isEqualTo(parent);
      }
      parent = b0.get("hash").asText();
      for (JsonNode tx : b0.get("transactions")) {
        assertThat(seen.put(tx.asText(), h)).as("%s included twice", tx.asText()).isNull();
      }
    }
    return seen;
  }
}
