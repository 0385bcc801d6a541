package dev.raftseq.node.it;

import static dev.raftseq.node.it.MetricsScrape.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operating a three-node cluster from outside, as an operator would: Prometheus metrics of every
 * node, the admin API (transfer leadership, pause and resume production, authentication), and a
 * node without the admin API. Blocks are produced every block time (empty ones too), so the chain
 * visibly goes on or stalls.
 */
class OperationsIT {
  private static final Duration UP = Duration.ofSeconds(90);
  private static final Duration SOON = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void metricsAdminApiAuthenticationAndPauseOnARunningCluster() {
    try (ClusterFixture c = new ClusterFixture(dir, Map.of("SEQUENCER_PRODUCE_EMPTY_BLOCKS", "true"))) {
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

    // ---- metrics: exactly one node says it leads; the documented names are there and move
    Poll.until(SOON, "exactly node " + leader + " reports consensus_is_leader 1", () -> leaderByMetrics(c) == leader);
    c.rpc(leader).result("eth_chainId");
    c.rpc(leader).result("eth_chainId");
    assertThat(c.rpc(leader).call("no_such_method").has("error")).isTrue();
    Map<String, Double> m = MetricsScrape.scrape(c.metricsPort(leader));
    for (String name : List.of("sequencer_head_block_number", "sequencer_blocks_produced_total",
        "sequencer_transactions_included_total", "sequencer_block_seal_seconds_count",
        "sequencer_mempool_transactions{state=\"pending\"}", "sequencer_mempool_transactions{state=\"queued\"}",
        "sequencer_mempool_transactions{state=\"committed\"}", "consensus_term", "consensus_commit_index",
        "consensus_applied_index", "consensus_leader_changes_total", "consensus_members",
        "consensus_refused_connections_total", "sequencer_production_paused", "rocksdb_memtable_bytes", "rocksdb_block_cache_usage_bytes",
        "rocksdb_pending_compaction_bytes", "process_uptime_seconds",
        "jvm_threads_live_threads", "system_cpu_count",
        "rpc_requests_seconds_count{method=\"eth_chainId\",outcome=\"ok\"}",
        "rpc_requests_seconds_count{method=\"unknown\",outcome=\"method_not_found\"}")) {
      assertThat(m).as("/metrics of the leader").containsKey(name);
    }
    assertThat(m.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{"));
    assertThat(value(m, "rpc_requests_seconds_count{method=\"eth_chainId\",outcome=\"ok\"}")).isGreaterThanOrEqualTo(2);
    assertThat(value(m, "consensus_members")).isEqualTo(3);
    assertThat(value(m, "consensus_refused_connections_total")).as("members never refuse each other").isZero();
    for (int i = 0; i < 3; i++) {
      try {
        assertThat(java.nio.file.Files.readString(c.process(i).logFile())).as("node %s log", i)
            .contains("(mutual TLS; members only)");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    // every metric the Grafana dashboard plots exists (GC pauses appear only after the first collection)
    for (String metric : dashboardMetrics()) {
      if (!metric.startsWith("jvm_gc_pause")) {
        assertThat(m.keySet()).as("dashboard metric %s in /metrics", metric)
            .anyMatch(k -> k.equals(metric) || k.startsWith(metric + "{"));
      }
    }
    double produced = value(m, "sequencer_blocks_produced_total");
    Poll.until(SOON, "the leader's produced-blocks counter moves",
        () -> value(MetricsScrape.scrape(c.metricsPort(leader)), "sequencer_blocks_produced_total") > produced);

    // ---- authentication: no token, a wrong one: 401 and nothing changes
    int target = (leader + 1) % 3;
    String transferTo = "{\"peer_id\":\"0x" + ClusterFixture.id(target) + "\"}";
    long term = c.status(leader).path("consensus").path("raft").path("current_term").asLong();
    for (String token : new String[] {null, "wrong-token-0123456789", ClusterFixture.ADMIN_TOKEN + "x"}) {
      AdminClient.Reply r = AdminClient.send(c.adminPort(leader), "POST", "/admin/transfer-leadership", transferTo, token);
      assertThat(r.status()).as("token %s", token).isEqualTo(401);
      assertThat(AdminClient.send(c.adminPort(leader), "POST", "/admin/pause", null, token).status()).isEqualTo(401);
    }
    assertThat(c.leader()).as("leadership did not move").isEqualTo(leader);
    assertThat(c.status(leader).path("consensus").path("raft").path("current_term").asLong()).isEqualTo(term);
    assertThat(value(MetricsScrape.scrape(c.metricsPort(leader)), "sequencer_production_paused")).isZero();
    long headNow = ChainHistory.head(c.rpc(leader));
    Poll.until(SOON, "the leader still produces", () -> ChainHistory.head(c.rpc(leader)) > headNow + 2);

    // the admin API lives on its own loopback listener: the status port has no /admin
    assertThat(AdminClient.send(c.statusPort(leader), "POST", "/admin/pause", null, ClusterFixture.ADMIN_TOKEN).status())
        .isEqualTo(404);
    // a follower refuses group changes and names the leader
    AdminClient.Reply onFollower = AdminClient.post(c.adminPort(target), "/admin/transfer-leadership", transferTo);
    assertThat(onFollower.status()).isEqualTo(409);
    assertThat(onFollower.field("error")).isEqualTo("not_leader");
    assertThat(onFollower.field("leader")).isEqualTo("0x" + ClusterFixture.id(leader));

    // ---- transfer leadership to a named follower: /status changes within 2 s, counters move
    Map<Integer, Double> changes = leaderChanges(c);
    long sent = System.nanoTime();
    AdminClient.Reply moved = AdminClient.post(c.adminPort(leader), "/admin/transfer-leadership", transferTo);
    assertThat(moved.status()).as("%s", moved.body()).isEqualTo(200);
    Poll.until(Duration.ofSeconds(2), "node " + target + "'s /status says it leads, within 2 s of the request",
        () -> c.status(target).path("consensus").path("raft").path("is_leader").asBoolean(false));
    long tookMillis = (System.nanoTime() - sent) / 1_000_000;
    System.out.println("[OperationsIT] transfer-leadership to a named follower: /status changed after " + tookMillis + " ms");
    Poll.until(SOON, "every node counted the leader change", () -> {
      Map<Integer, Double> now = leaderChanges(c);
      return now.keySet().stream().allMatch(i -> now.get(i) > changes.get(i));
    });
    Poll.until(SOON, "the metrics agree on the new leader", () -> leaderByMetrics(c) == target);

    // ---- pause production on the leader: it hands over and the chain continues under another node
    long beforePause = ChainHistory.head(c.rpc(target));
    AdminClient.Reply paused = AdminClient.post(c.adminPort(target), "/admin/pause", null);
    assertThat(paused.status()).as("%s", paused.body()).isEqualTo(200);
    assertThat(paused.body().get("paused").asBoolean()).isTrue();
    assertThat(paused.body().get("handed_off").asBoolean()).as("%s", paused.body()).isTrue();
    long pausedAt = ChainHistory.head(c.rpc(target));
    int next = c.awaitLeader(SOON);
    assertThat(next).isNotEqualTo(target);
    assertThat(paused.field("leader")).isEqualTo("0x" + ClusterFixture.id(next));
    Poll.until(SOON, "blocks sealed by node " + next + " after the pause",
        () -> ChainHistory.head(c.rpc(next)) > pausedAt + 4);
    long after = ChainHistory.head(c.rpc(next));
    for (ChainHistory.BlockInfo b : ChainHistory.blocks(c.rpc(next), pausedAt + 1, after)) {
      assertThat(b.miner()).as("block %s after the pause", b.number()).isNotEqualTo(ClusterFixture.sealer(target));
    }
    assertThat(beforePause).isLessThanOrEqualTo(pausedAt);
    assertThat(value(MetricsScrape.scrape(c.metricsPort(target)), "sequencer_production_paused")).isEqualTo(1);
    AdminClient.Reply resumed = AdminClient.post(c.adminPort(target), "/admin/resume", null);
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.body().get("paused").asBoolean()).isFalse();
    assertThat(AdminClient.post(c.adminPort(next), "/admin/transfer-leadership",
        "{\"peer_id\":\"0x" + ClusterFixture.id(target) + "\"}").status()).isEqualTo(200);
    Poll.until(SOON, "the resumed node leads and produces again", () -> {
      long h = ChainHistory.head(c.rpc(target));
      return c.leader() == target && ChainHistory.block(c.rpc(target), h).miner().equals(ClusterFixture.sealer(target));
    });

    // ---- a node started without STATUS_SERVER_ADMIN_TOKEN has no admin API: 404
    int plain = (target + 1) % 3;
    c.stop(plain);
    Map<String, String> noAdmin = new HashMap<>();
    noAdmin.put("STATUS_SERVER_ADMIN_TOKEN", null);
    noAdmin.put("STATUS_SERVER_ADMIN_ADDRESS", null);
    c.start(plain, noAdmin);
    Poll.until(UP, "node " + plain + " answers /status again", () -> c.status(plain) != null);
    for (String path : List.of("/admin/pause", "/admin/transfer-leadership", "/admin/snapshot", "/admin/members")) {
      AdminClient.Reply r = AdminClient.send(c.statusPort(plain), "POST", path, transferTo, ClusterFixture.ADMIN_TOKEN);
      assertThat(r.status()).as(path).isEqualTo(404);
    }
    assertThat(AdminClient.send(c.statusPort(plain), "DELETE", "/admin/members/0x" + ClusterFixture.id(0), null,
        ClusterFixture.ADMIN_TOKEN).status()).isEqualTo(404);
    assertThat(c.leader()).as("nothing changed").isEqualTo(target);

    // ---- every node holds the same chain
    long headTarget = ChainHistory.head(c.rpc(target));
    Poll.until(UP, "node " + plain + " caught up", () -> ChainHistory.head(c.rpc(plain)) >= headTarget);
    List<JsonRpcClient> rpcs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rpcs.add(c.rpc(i));
    }
    ChainHistory.assertSameChain(rpcs, 1, headTarget);
  }

  /** The metric names the expressions of local-chains/grafana/raftseq-dashboard.json use. */
  private static java.util.Set<String> dashboardMetrics() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    try {
      com.fasterxml.jackson.databind.JsonNode d = JsonRpcClient.JSON.readTree(
          NodeProcess.REPO.resolve("local-chains/grafana/raftseq-dashboard.json").toFile());
      List<String> exprs = d.findValuesAsText("expr");
      java.util.regex.Matcher word = java.util.regex.Pattern.compile("[a-z][a-z0-9_]*_[a-z0-9_]+(?=[\\s{\\[)-]|$)")
          .matcher(String.join("\n", exprs));
      while (word.find()) {
        names.add(word.group());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(names).contains("consensus_is_leader", "rpc_requests_seconds_count");
    return names;
  }

  /** The single node whose /metrics says consensus_is_leader 1 while the others say 0, or -1. */
  private static int leaderByMetrics(ClusterFixture c) {
    int found = -1;
    for (int i = 0; i < 3; i++) {
      double v = value(MetricsScrape.scrape(c.metricsPort(i)), "consensus_is_leader");
      if (v == 1) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      } else if (v != 0) {
        return -1;
      }
    }
    return found;
  }

  private static Map<Integer, Double> leaderChanges(ClusterFixture c) {
    Map<Integer, Double> out = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      out.put(i, value(MetricsScrape.scrape(c.metricsPort(i)), "consensus_leader_changes_total"));
    }
    return out;
  }
}
