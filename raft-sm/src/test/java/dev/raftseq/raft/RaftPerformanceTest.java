package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.producer.consensus.EntryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures failover time, block proposal latency and transaction throughput on a 3-node in-JVM
 * cluster and prints them (surefire keeps the output in target/surefire-reports). The assertions are
 * loose bounds that only catch breakage; the numbers are for the report.
 */
class RaftPerformanceTest {
  private static final Duration CONVERGE = Duration.ofSeconds(30);

  @TempDir Path dir;

  /**
   * Close the producing leader, time until another node may produce; several times, with restarts.
   * {@code -Draft.election=MIN,MAX} (ms) measures other election timeouts than the defaults.
   */
  @Test
  void failoverTime() {
    try (TestCluster c = TestCluster.create(3, dir, RaftPerformanceTest::electionOverride)) {
      c.startAll();
      c.produceBlocks(c.awaitProducer(), "warm", 5);
      List<Long> millis = new ArrayList<>();
      List<String> breakdown = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        int leader = c.awaitProducer();
        c.produceBlocks(leader, "r" + round + "-", 2);
        // close on another thread: close() takes a second or more, and the others elect meanwhile
        RaftNode dying = c.node(leader);
        long t0 = System.nanoTime();
        CompletableFuture<Long> closing = new CompletableFuture<>();
        new Thread(() -> {
          dying.close();
          closing.complete(System.nanoTime());
        }, "closing-leader").start();
        int[] next = {-1};
        long[] elected = {0};
        TestCluster.await(Duration.ofSeconds(20), "a new producer", () -> {
          for (int i = 0; i < c.size(); i++) {
            if (i == leader) {
              continue;
            }
            if (elected[0] == 0 && c.node(i).status().state().equals("Leader")) {
              elected[0] = System.nanoTime();
            }
            if (c.producingTerm(i).isPresent()) {
              next[0] = i;
              return true;
            }
          }
          return false;
        });
        long ready = System.nanoTime();
        millis.add((ready - t0) / 1_000_000);
        long closed = closing.join();
        c.stop(leader); // already closed; clears the slot
        breakdown.add(String.format("elected %d, ready %d, close took %d", ((elected[0] == 0 ? ready : elected[0]) - t0) / 1_000_000,
            (ready - t0) / 1_000_000, (closed - t0) / 1_000_000));
        c.produceBlocks(next[0], "after" + round + "-", 1);
        c.start(leader);
        c.awaitConverged(next[0], CONVERGE);
      }
      List<Long> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      System.out.printf("PERF failover (start closing the leader -> new producing term) ms: %s, p50 %d, max %d; %s%n",
          millis, sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), breakdown);
      assertThat(sorted.get(sorted.size() / 2)).isLessThan(10_000);
    }
  }

  @Test
  void proposeLatencyAndTransactionThroughput() {
    try (TestCluster c = TestCluster.create(3, dir, RaftPerformanceTest::transport)) {
      c.startAll();
      int leader = c.awaitProducer();
      int follower = c.anyOther(leader);
      c.produceBlocks(leader, "warm", 20);
      c.submitAndAwait(follower, "warm", 10);

      // sequential block proposals: each waits until applied on the leader
      List<Long> proposeMicros = new ArrayList<>();
      for (int k = 0; k < 100; k++) {
        long t0 = System.nanoTime();
        assertThat(c.produce(leader, "p" + k)).isInstanceOf(EntryResult.BlockApplied.class);
        proposeMicros.add((System.nanoTime() - t0) / 1000);
      }
      System.out.printf("PERF propose (sequential, applied on leader) %s%n", summary(proposeMicros));

      // explicit batches of 100 transactions from a follower, 8 in flight
      int batches = 100;
      List<Long> batchMicros = Collections.synchronizedList(new ArrayList<>());
      Semaphore window = new Semaphore(8);
      List<CompletableFuture<Void>> all = new ArrayList<>();
      long start = System.nanoTime();
      for (int b = 0; b < batches; b++) {
        List<String> txs = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
          txs.add("batch" + b + "-" + k + "-" + "x".repeat(150));
        }
        window.acquireUninterruptibly();
        long t0 = System.nanoTime();
        all.add(c.node(follower).replicate(FakeChain.txEntry(txs)).thenAccept(r -> { }).whenComplete((v, e) -> {
          batchMicros.add((System.nanoTime() - t0) / 1000);
          window.release();
        }));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("PERF replicate from a follower: %d batches x 100 txs (~200 B) in %.2f s = %.0f tx/s; batch %s%n",
          batches, seconds, batches * 100 / seconds, summary(batchMicros));

      c.awaitConverged(leader, CONVERGE);
      assertThat(c.chain(c.anyOther(leader, follower)).txs()).hasSize(10 + batches * 100);
    }
  }

  /** {@code -Draft.plaintext=true} measures without TLS, for the cost of mutual TLS by ratio. */
  private static RaftNodeConfig transport(RaftNodeConfig c) {
    if (!Boolean.getBoolean("raft.plaintext")) {
      return c;
    }
    System.out.println("PERF transport: plaintext");
    return new RaftNodeConfig(c.localNodeId(), c.chainId(), c.genesisHash(), c.peers(), c.storageDir(), c.bootstrap(),
        c.bindHost(), c.timeouts(), c.retention(), c.limits(), null);
  }

  private static RaftNodeConfig electionOverride(RaftNodeConfig cfg) {
    cfg = transport(cfg);
    String spec = System.getProperty("raft.election");
    if (spec == null || spec.isBlank()) {
      return cfg;
    }
    String[] minMax = spec.split(",");
    Duration min = Duration.ofMillis(Long.parseLong(minMax[0].trim()));
    Duration max = Duration.ofMillis(Long.parseLong(minMax[1].trim()));
    System.out.printf("PERF election timeout override %s..%s%n", min, max);
    return cfg.withTimeouts(cfg.timeouts().withElection(min, max, min.dividedBy(2), max.dividedBy(2)));
  }

  private static String summary(List<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
        sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() * 9 / 10) / 1000.0,
        sorted.get(Math.min(sorted.size() - 1, sorted.size() * 99 / 100)) / 1000.0,
        sorted.get(sorted.size() - 1) / 1000.0, sorted.size());
  }
}
