package dev.raftseq.node.it;

import static dev.raftseq.node.it.JsonRpcClient.quantity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * L1 settlement end to end with real processes: three consensus nodes started with the seed's
 * environment, the chain's L1 in a real anvil loaded with local-chains/v30.2/l1-state.json.gz,
 * transfers flowing all along. Checked on L1 itself: batches executed, contiguous, each with the
 * L2 state root of its last block, every batch committed, proven and executed by exactly one
 * successful operator transaction (no gap, no duplicate, no revert).
 */
class SettlementIT {
  private static final String TO = "0x3333333333333333333333333333333333333333";
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @TempDir Path dir;

  /**
   * The seed's layout (node 1 settles): settlement within 60 s of the first transfers; /status and
   * metrics show it; the batcher node killed with SIGKILL while it has L1 transactions in flight and
   * restarted resumes with the next batch; the L1 unreachable for 30 s stalls nothing on L2, shows
   * in /status, and settlement catches up once it is back.
   */
  @Test
  void batcherNodeSettlesSurvivesSigkillAndAnL1Outage() {
    try (LocalL1 l1 = LocalL1.start(dir.resolve("l1"));
        TcpProxy l1Link = new TcpProxy(l1.port()).up();
        ClusterFixture c = new ClusterFixture(dir, Map.of("GENERAL_L1_RPC_URL", "http://127.0.0.1:" + l1Link.port()));
        TransferLoad load = new TransferLoad()) {
      try {
        c.startAll();
        int leader = c.awaitLeader(Duration.ofSeconds(90));
        load.start(c, 1);

        // settlement of the first transfers, seen on L1, in /status and in metrics
        long t0 = System.nanoTime();
        Poll.until(SETTLE, "a batch executed on L1", () -> l1.executed() >= 1);
        long settleMs = (System.nanoTime() - t0) / 1_000_000;
        Poll.until(Duration.ofSeconds(10), "node 1's /status shows the executed batch",
            () -> c.status(0).path("batcher").path("last_executed_batch").asLong(-1) >= 1);
        JsonNode b = c.status(0).get("batcher");
        assertThat(b.get("enabled").asBoolean()).isTrue();
        assertThat(b.get("active").asBoolean()).isTrue();
        assertThat(b.get("l1_contract").asText()).isEqualTo(LocalL1.CONTRACT);
        assertThat(b.get("operator").asText()).isEqualTo(LocalL1.OPERATOR);
        assertThat(b.get("last_sealed_batch").asLong()).isGreaterThanOrEqualTo(b.get("last_committed_batch").asLong());
        assertThat(b.get("last_committed_batch").asLong()).isGreaterThanOrEqualTo(b.get("last_proven_batch").asLong());
        assertThat(b.get("last_proven_batch").asLong()).isGreaterThanOrEqualTo(b.get("last_executed_batch").asLong());
        assertThat(c.status(1).get("batcher").get("enabled").asBoolean()).isFalse();
        assertThat(c.status(1).get("batcher").get("active").asBoolean()).isFalse();
        assertThat(c.status(1).get("batcher").get("last_sealed_batch").asLong()).isGreaterThanOrEqualTo(1);
        Map<String, Double> m = MetricsScrape.scrape(c.metricsPort(0));
        assertThat(MetricsScrape.value(m, "batcher_l1_last_executed_batch")).isGreaterThanOrEqualTo(1);
        assertThat(MetricsScrape.value(m, "batcher_last_sealed_batch")).isGreaterThanOrEqualTo(1);
        assertThat(MetricsScrape.value(m, "batcher_active")).isEqualTo(1);
        assertThat(MetricsScrape.value(MetricsScrape.scrape(c.metricsPort(1)), "batcher_active")).isEqualTo(0);
        checkSettled(c, l1, 1);
        System.out.printf("SettlementIT: first batch executed on L1 %d ms after the first transfers (leader n%d)%n",
            settleMs, leader + 1);

        // kill -9 the batcher node while it has L1 transactions in flight, then restart it
        Poll.until(SETTLE, "node 1 with L1 transactions in flight",
            () -> c.status(0).path("batcher").path("l1_transactions_in_flight").asInt() > 0);
        c.kill(0);
        long committedAtKill = l1.committed();
        long sealedAtKill = c.status(1).get("batcher").get("last_sealed_batch").asLong();
        c.start(0);
        Poll.until(Duration.ofSeconds(90), "settlement resumed past batch " + sealedAtKill + " after the restart",
            () -> l1.executed() > sealedAtKill + 1);
        System.out.printf("SettlementIT: batcher killed at %d committed; resumed, now %d executed%n",
            committedAtKill, l1.executed());
        checkSettled(c, l1, sealedAtKill + 2);

        // the L1 unreachable for 30 s
        long headBefore = head(c, 1);
        long acksBefore = load.acks.get();
        long executedBefore = l1.executed();
        long downAtMs = System.currentTimeMillis();
        l1Link.down();
        long outageEnd = System.nanoTime() + OUTAGE.toNanos();
        boolean errorShown = false;
        while (System.nanoTime() < outageEnd) {
          JsonNode s = c.status(0);
          if (s != null && !s.path("batcher").path("last_l1_error").isNull()
              && s.path("batcher").path("last_l1_error_at_ms").asLong() >= downAtMs) {
            errorShown = true;
          }
          LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        assertThat(errorShown).as("/status batcher.last_l1_error during the outage").isTrue();
        assertThat(l1.executed()).isEqualTo(executedBefore);
        long headAfter = head(c, 1);
        assertThat(headAfter - headBefore).as("L2 blocks during the 30 s outage").isGreaterThanOrEqualTo(20);
        assertThat(load.acks.get() - acksBefore).as("transfers acknowledged during the outage").isGreaterThanOrEqualTo(20);
        long sealedAtEnd = c.status(0).get("batcher").get("last_sealed_batch").asLong();
        assertThat(sealedAtEnd).as("batches sealed during the outage").isGreaterThan(executedBefore + 5);
        l1Link.up();
        long backAt = System.nanoTime();
        Poll.until(Duration.ofSeconds(90), "settlement caught up to batch " + sealedAtEnd,
            () -> l1.executed() >= sealedAtEnd);
        System.out.printf("SettlementIT: L1 down 30 s (%d L2 blocks meanwhile); caught up %d batches in %d ms%n",
            headAfter - headBefore, sealedAtEnd - executedBefore, (System.nanoTime() - backAt) / 1_000_000);

        load.close();
        checkSettled(c, l1, sealedAtEnd);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n" + c.logs(), e);
      }
    }
  }

  /**
   * BATCHER_FOLLOW_LEADER=true on every node: only the leader settles; SIGKILL it and the new
   * leader settles the next batches, from L1's state.
   */
  @Test
  void followLeaderHandsSettlementToTheNewLeader() {
    Map<String, String> env = new HashMap<>();
    try (LocalL1 l1 = LocalL1.start(dir.resolve("l1"))) {
      env.put("GENERAL_L1_RPC_URL", l1.url());
      env.put("BATCHER_ENABLED", "true");
      env.put("BATCHER_FOLLOW_LEADER", "true");
      try (ClusterFixture c = new ClusterFixture(dir, env); TransferLoad load = new TransferLoad()) {
        try {
          c.startAll();
          int leader = c.awaitLeader(Duration.ofSeconds(90));
          load.start(c, (leader + 1) % 3);
          Poll.until(SETTLE, "a batch executed on L1", () -> l1.executed() >= 1);
          int lead = leader;
          Poll.until(Duration.ofSeconds(10), "only the leader n" + (lead + 1) + " settles", () -> {
            for (int i = 0; i < 3; i++) {
              JsonNode s = c.status(i);
              if (s == null || s.path("batcher").path("active").asBoolean() != (i == lead)) {
                return false;
              }
            }
            return true;
          });

          c.kill(leader);
          long executedAtKill = l1.executed();
          int next = c.awaitLeader(Duration.ofSeconds(30));
          assertThat(next).isNotEqualTo(leader);
          Poll.until(Duration.ofSeconds(10), "the new leader n" + (next + 1) + " settles",
              () -> c.status(next).path("batcher").path("active").asBoolean());
          Poll.until(Duration.ofSeconds(90), "the new leader settles past batch " + (executedAtKill + 2),
              () -> l1.executed() > executedAtKill + 2);
          Poll.until(Duration.ofSeconds(10), "the new leader's /status shows it",
              () -> c.status(next).path("batcher").path("last_executed_batch").asLong() > executedAtKill + 2);
          int third = 3 - leader - next;
          assertThat(c.status(third).get("batcher").get("active").asBoolean()).isFalse();
          System.out.printf("SettlementIT: follow-leader: n%d killed at %d executed; n%d took over, now %d%n",
              leader + 1, executedAtKill, next + 1, l1.executed());
          load.close();
          checkSettled(c, l1, executedAtKill + 3);
        } catch (AssertionError | RuntimeException e) {
          throw new AssertionError(e.getMessage() + "\n" + c.logs(), e);
        }
      }
    }
  }

  /**
   * L1 against L2: batches 1..executed are contiguous from genesis, each with the state root of its
   * last L2 block; every committed batch was committed, and every proven / executed one proven /
   * executed, by exactly one operator transaction, and none of the operator's transactions reverted.
   */
  private static void checkSettled(ClusterFixture c, LocalL1 l1, long atLeast) {
    long executed = l1.executed();
    assertThat(executed).isGreaterThanOrEqualTo(atLeast);
    int via = c.alive(1) ? 1 : 2;
    JsonRpcClient l2 = c.rpc(via);
    long prevLast = 0;
    for (long n = 1; n <= executed; n++) {
      long[] blocks = l1.batchBlocks(n);
      assertThat(blocks[0]).as("batch %d starts after batch %d", n, n - 1).isEqualTo(prevLast + 1);
      assertThat(blocks[1]).as("batch %d's last block", n).isGreaterThanOrEqualTo(blocks[0]);
      long last = blocks[1];
      JsonNode block = Poll.value(Duration.ofSeconds(10), "L2 block " + last, () -> {
        JsonNode r = l2.result("eth_getBlockByNumber", "0x" + Long.toHexString(last), false);
        return r.isNull() ? null : r;
      });
      assertThat(l1.batchStateRoot(n)).as("batch %d's state root = L2 block %d's", n, last)
          .isEqualTo(block.get("stateRoot").asText());
      prevLast = last;
    }
    // the counters before the scan are a lower bound of what it finds, those after an upper bound
    Map<String, Long> before = Map.of("commitBatch", l1.committed(), "proveBatch", l1.verified(),
        "executeBatch", l1.executed());
    List<LocalL1.OperatorTx> txs = l1.operatorTransactions();
    Map<String, Long> after = Map.of("commitBatch", l1.committed(), "proveBatch", l1.verified(),
        "executeBatch", l1.executed());
    assertThat(txs).as("operator transactions that reverted").filteredOn(t -> !t.success()).isEmpty();
    Map<String, Set<Long>> seen = new HashMap<>();
    for (LocalL1.OperatorTx t : txs) {
      assertThat(seen.computeIfAbsent(t.step(), k -> new HashSet<>()).add(t.batch()))
          .as("a second mined %s(%d): %s", t.step(), t.batch(), t.hash()).isTrue();
    }
    for (String step : before.keySet()) {
      Set<Long> batches = seen.getOrDefault(step, Set.of());
      long count = batches.size();
      assertThat(batches).as("%s: batches 1..%d, no gap", step, count).allMatch(n -> n >= 1 && n <= count);
      assertThat(count).as("%s transactions against the contract's counter", step)
          .isBetween(before.get(step), after.get(step));
    }
    assertThat(seen.keySet()).allMatch(k -> !k.startsWith("other:"));
  }

  private static long head(ClusterFixture c, int i) {
    return quantity(c.rpc(i).result("eth_blockNumber"));
  }

  /**
   * Transfers from dev accounts 5..9 through one node (never the one a test kills), one every
   * 100 ms, so blocks and batches keep coming. A transfer the node did not answer is sent again at
   * the same nonce.
   */
  static final class TransferLoad implements AutoCloseable {
    final AtomicLong acks = new AtomicLong();
    private final AtomicInteger via = new AtomicInteger();
    private volatile boolean stop;
    private Thread thread;

    void start(ClusterFixture c, int node) {
      via.set(node);
      JsonRpcClient rpc = c.rpc(node);
      long chainId = quantity(rpc.result("eth_chainId"));
      long[] nonces = new long[10];
      for (int k = 5; k < 10; k++) {
        nonces[k] = quantity(rpc.result("eth_getTransactionCount", Transfers.dev(k).getAddress(), "pending"));
      }
      thread = new Thread(() -> {
        int k = 5;
        while (!stop) {
          try {
            String raw = Transfers.eip1559(chainId, Transfers.dev(k), nonces[k], TO, BigInteger.ONE);
            JsonNode r = c.rpc(via.get()).call("eth_sendRawTransaction", raw);
            String err = r.path("error").path("message").asText("");
            if (r.has("result") || err.contains("already known") || err.contains("nonce too low")) {
              nonces[k]++;
              if (r.has("result")) {
                acks.incrementAndGet();
              }
              k = k == 9 ? 5 : k + 1;
            }
          } catch (RuntimeException e) {
            // the node is busy or restarting: the same transfer again
          }
          LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
      }, "transfer-load");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() {
      stop = true;
      if (thread != null) {
        try {
          thread.join(30_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
