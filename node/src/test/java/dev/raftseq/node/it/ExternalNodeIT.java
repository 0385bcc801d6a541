package dev.raftseq.node.it;

import static dev.raftseq.node.it.JsonRpcClient.quantity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.genesis.DevKeys;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * A three-node cluster and an external node (general.node_role=external) beside it. 1,000
 * transfers are sent through the external node only (it forwards them to the cluster's RPC URLs);
 * the leader is killed with SIGKILL while they flow and the external node syncs. Afterwards every
 * acknowledged transfer is included, the external node's chain is the cluster's block for block
 * (with blocks of the new leader and no gap), balances read through it equal the cluster's, and its
 * /status says external, no Raft, caught up. It serves no prover API although PROVER_API_ENABLED and
 * BATCHER_ENABLED keep their defaults (true).
 */
class ExternalNodeIT {
  private static final int SENDERS = 20;
  private static final int PER_SENDER = 50;
  private static final String TO = "0x4444444444444444444444444444444444444444";
  private static final String EARLY = "0x5555555555555555555555555555555555555555";
  private static final Duration ELECTION = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void externalNodeForwardsWritesAndFollowsTheClusterThroughALeaderKill() throws Exception {
    Path genesis = ClusterFixture.genesisWithDevAccounts(dir, SENDERS);
    try (ClusterFixture c = new ClusterFixture(dir, Map.of("GENERAL_GENESIS_PATH", genesis.toString()))) {
      try {
        run(c);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n" + c.logs(), e);
      }
    }
  }

  private void run(ClusterFixture c) throws Exception {
    c.startAll();
    int leader = c.awaitLeader(Duration.ofSeconds(120));
    // a few blocks before the external node starts: it syncs them from head + 1 = 1
    long chainIdAtLeader = quantity(c.rpc(leader).result("eth_chainId"));
    for (int n = 0; n < 3; n++) {
      c.rpc(leader).result("eth_sendRawTransaction",
          Transfers.eip1559(chainIdAtLeader, Transfers.dev(1), n, EARLY, BigInteger.ONE));
    }
    Poll.until(Duration.ofSeconds(30), "the early transfers included",
        () -> quantity(c.rpc(leader).result("eth_getTransactionCount", Transfers.dev(1).getAddress(), "latest")) == 3);
    // it forwards to the leader first, so killing the leader makes it move on to another URL
    c.startExternal(leader);
    Poll.until(Duration.ofSeconds(60), "the external node ready (caught up with a peer)",
        () -> StatusProbe.code(c.externalStatusPort(), "/status/ready") == 200);
    JsonRpcClient ext = c.externalRpc();
    long chainId = quantity(ext.result("eth_chainId"));

    Set<String> acked = ConcurrentHashMap.newKeySet();
    AtomicInteger retried = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    List<Future<?>> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      Credentials from = Credentials.create(org.web3j.utils.Numeric.toHexString(DevKeys.privateKey(DevKeys.WELL_KNOWN + s)));
      senders.add(pool.submit(() -> send(ext, chainId, from, acked, retried)));
    }
    int victim;
    int afterKill;
    try {
      Poll.until(Duration.ofSeconds(60), "a third of the transfers acknowledged through the external node",
          () -> acked.size() >= SENDERS * PER_SENDER / 3);
      victim = c.awaitLeader(ELECTION);
      c.kill(victim);
      afterKill = acked.size();
      int next = c.awaitLeader(ELECTION);
      assertThat(next).isNotEqualTo(victim);
      Poll.until(Duration.ofSeconds(90), "writes through the external node continue after the leader's kill",
          () -> acked.size() >= afterKill + 100);
    } finally {
      for (Future<?> f : senders) {
        f.get();
      }
      pool.shutdown();
    }
    assertThat(acked).hasSize(SENDERS * PER_SENDER);
    double failovers = MetricsScrape.value(MetricsScrape.scrape(c.externalMetricsPort()), "external_forward_failovers_total");
    if (victim == leader) { // its URL is the first the external node tries (leadership rarely moves before the kill)
      assertThat(failovers).as("forwarded transactions that moved on from the killed leader's URL").isPositive();
    }
    try (java.net.ServerSocket free = new java.net.ServerSocket(c.externalProverPort(), 1,
        java.net.InetAddress.getLoopbackAddress())) {
      assertThat(free.getLocalPort()).as("the external node left the prover API port unbound").isEqualTo(c.externalProverPort());
    }
    int live = (victim + 1) % 3;
    JsonRpcClient cluster = c.rpc(live);

    Poll.until(Duration.ofSeconds(60), "every acknowledged transfer included, as seen by the external node",
        () -> acked.stream().allMatch(h -> !ext.result("eth_getTransactionReceipt", h).isNull()));
    Poll.until(Duration.ofSeconds(30), "the external node at the cluster's head", () ->
        ext.result("eth_getBlockByNumber", "latest", false).get("hash").asText()
            .equals(cluster.result("eth_getBlockByNumber", "latest", false).get("hash").asText()));
    var sync = MetricsScrape.scrape(c.externalMetricsPort());
    assertThat(MetricsScrape.value(sync, "p2p_peers")).as("p2p peers of the external node").isPositive();
    assertThat(sync.entrySet().stream()
        .filter(e -> e.getKey().startsWith("p2p_replay_blocks_total{") && e.getKey().contains("outcome=\"applied\""))
        .mapToDouble(java.util.Map.Entry::getValue).sum())
        .as("blocks the external node replayed").isPositive();
    Poll.until(Duration.ofSeconds(30), "the external node reports no replay lag",
        () -> MetricsScrape.value(MetricsScrape.scrape(c.externalMetricsPort()), "replay_lag_blocks") == 0);

    // the same chain block for block, contiguous, with the new leader's blocks in it
    long head = quantity(ext.result("eth_blockNumber"));
    String parent = null;
    String newSealer = ClusterFixture.sealer((victim + 1) % 3);
    String otherSealer = ClusterFixture.sealer((victim + 2) % 3);
    int afterFailover = 0;
    int txs = 0;
    for (long h = 0; h <= head; h++) {
      String tag = "0x" + Long.toHexString(h);
      JsonNode mine = ext.result("eth_getBlockByNumber", tag, false);
      JsonNode theirs = cluster.result("eth_getBlockByNumber", tag, false);
      assertThat(mine.get("hash").asText()).as("block %d", h).isEqualTo(theirs.get("hash").asText());
      if (parent != null) {
        assertThat(mine.get("parentHash").asText()).as("parent of %d", h).isEqualTo(parent);
      }
      parent = mine.get("hash").asText();
      String miner = mine.get("miner").asText().toLowerCase(java.util.Locale.ROOT);
      if (miner.equals(newSealer) || miner.equals(otherSealer)) {
        afterFailover++;
      }
      txs += mine.get("transactions").size();
    }
    assertThat(afterFailover).as("blocks sealed by the surviving nodes, replayed by the external node").isPositive();
    assertThat(txs).as("transactions in the external node's chain").isGreaterThanOrEqualTo(SENDERS * PER_SENDER);

    // balances through the external node equal the cluster's at the same block
    String at = "0x" + Long.toHexString(head);
    assertThat(ext.result("eth_getBalance", TO, at).asText()).isEqualTo(cluster.result("eth_getBalance", TO, at).asText());
    assertThat(new BigInteger(ext.result("eth_getBalance", TO, at).asText().substring(2), 16))
        .isEqualTo(BigInteger.valueOf(SENDERS * PER_SENDER));
    for (int s = 0; s < SENDERS; s++) {
      String addr = Credentials.create(org.web3j.utils.Numeric.toHexString(DevKeys.privateKey(DevKeys.WELL_KNOWN + s)))
          .getAddress();
      assertThat(ext.result("eth_getBalance", addr, at).asText()).as("balance of sender %d", s)
          .isEqualTo(cluster.result("eth_getBalance", addr, at).asText());
      assertThat(quantity(ext.result("eth_getTransactionCount", addr, at))).isEqualTo(PER_SENDER);
    }

    JsonNode status = c.externalStatus();
    assertThat(status.get("role").asText()).isEqualTo("external");
    assertThat(status.get("consensus").get("raft").isNull()).isTrue();
    assertThat(status.get("batcher").get("enabled").asBoolean()).isFalse();
    assertThat(status.get("sync").get("highest_seen").asLong()).isGreaterThanOrEqualTo(head);
    assertThat(StatusProbe.code(c.externalStatusPort(), "/status/ready")).isEqualTo(200);
    System.out.printf("ExternalNodeIT: %d transfers acknowledged through the external node (%d after the kill"
        + " of node %d, %.0f forwarding failovers, %d answers retried by the client), head %d, %d blocks by the"
        + " surviving nodes%n", acked.size(), acked.size() - afterKill, victim + 1, failovers, retried.get(), head,
        afterFailover);
  }

  /** One sender: nonces 0..PER_SENDER-1 through the external node, each resent with the same bytes until acknowledged. */
  private static void send(JsonRpcClient ext, long chainId, Credentials from, Set<String> acked, AtomicInteger retried) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    for (long nonce = 0; nonce < PER_SENDER; nonce++) {
      String raw = Transfers.eip1559(chainId, from, nonce, TO, BigInteger.ONE);
      String hash = org.web3j.crypto.Hash.sha3(raw);
      while (true) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(from.getAddress() + ": nonce " + nonce + " not acknowledged in time");
        }
        JsonNode r;
        try {
          r = ext.call("eth_sendRawTransaction", raw);
        } catch (RuntimeException e) {
          retried.incrementAndGet();
          continue;
        }
        if (r.has("result")) {
          assertThat(r.get("result").asText()).isEqualTo(hash);
          break;
        }
        String message = r.path("error").path("message").asText();
        if (message.startsWith("already known") || message.startsWith("nonce too low")) {
          break; // an earlier attempt with these very bytes was committed
        }
        retried.incrementAndGet();
      }
      acked.add(hash);
    }
  }
}
