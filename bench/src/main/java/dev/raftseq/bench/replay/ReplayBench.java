package dev.raftseq.bench.replay;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.exec.BlockImporter;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.store.StoreTuning;
import dev.raftseq.chain.types.Block;
import dev.raftseq.p2p.Enode;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.P2pConfig;
import dev.raftseq.p2p.P2pNetwork;
import dev.raftseq.p2p.sync.CommittedTxSource;
import dev.raftseq.p2p.sync.ZksLimits;
import dev.raftseq.p2p.sync.ZksProtocol;
import dev.raftseq.replay.AllowedSigners;
import dev.raftseq.replay.BlockReplayer;
import dev.raftseq.replay.ReplayConfig;
import dev.raftseq.replay.StoreBlockSink;
import dev.raftseq.replay.SyncProgress;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Replay speed over real p2p sockets: an empty replica syncs a generated chain (see
 * {@link ReplayFixture}) from one source node on loopback, verifying (seal, parent, re-execution,
 * roots) and committing every block. In the same run, the same first blocks are also replayed
 * locally (decode, verify, commit; no network) as the baseline the p2p figure is compared with.
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests
 * java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" dev.raftseq.bench.replay.ReplayBench \
 *     [blocks=20000] [txs=50] [senders=1000] [baseline=1000] [follow=40] [fixture=bench/target/replay-fixture] \
 *     [genesis=local-chains/genesis.json] [out=bench/results/replay-TIMESTAMP.txt]
 * </pre>
 */
public final class ReplayBench {
  /** Default block time of the sequencer, the goal's reference: 10x its block rate. */
  private static final double BLOCK_TIME_SECONDS = 0.25;
  private static final StoreTuning TUNING = new StoreTuning(64L << 20, 32L << 20, 64L << 20, 64);

  private record Options(int blocks, int txs, int senders, int baseline, int follow, Path fixture, Path genesis, Path out,
      Path compare) {
    static Options parse(String[] args) {
      int blocks = 20_000;
      int txs = 50;
      int senders = 1000;
      int baseline = 1000;
      int follow = 40;
      Path fixture = Path.of("bench", "target", "replay-fixture");
      Path genesis = Path.of("local-chains", "genesis.json");
      Path compare = null;
      Path out = Path.of("bench", "results", "replay-" + Instant.now().toString().replace(":", "").replaceAll("\\..*", "") + "Z.txt");
      for (String a : args) {
        String[] kv = a.split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("expected key=value, got " + a);
        }
        switch (kv[0]) {
          case "blocks" -> blocks = Integer.parseInt(kv[1]);
          case "txs" -> txs = Integer.parseInt(kv[1]);
          case "senders" -> senders = Integer.parseInt(kv[1]);
          case "baseline" -> baseline = Integer.parseInt(kv[1]);
          case "follow" -> follow = Math.max(1, Integer.parseInt(kv[1]));
          case "fixture" -> fixture = Path.of(kv[1]);
          case "genesis" -> genesis = Path.of(kv[1]);
          case "out" -> out = Path.of(kv[1]);
          case "compare" -> compare = Path.of(kv[1]);
          default -> throw new IllegalArgumentException("unknown option " + kv[0]);
        }
      }
      return new Options(blocks, txs, senders, Math.min(baseline, blocks), follow, fixture, genesis, out, compare);
    }
  }

  private ReplayBench() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    ReplayFixture.Params params = new ReplayFixture.Params(o.blocks(), o.txs(), o.senders(), o.genesis());
    GenesisSpec spec = ReplayFixture.spec(params);
    NodeKey sequencer = ReplayFixture.sequencer();
    NodeKey replicaKey = NodeKey.fromHex("0x" + "5".repeat(63) + "1");
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    Path tmp = Files.createTempDirectory("replay-bench");
    Vertx sourceVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    Vertx replicaVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    ExecutorService serving = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "zks-serve");
      t.setDaemon(true);
      return t;
    });
    String report;
    double replayTps;
    try (RocksChainStore source = ReplayFixture.openOrGenerate(o.fixture(), params);
        RocksChainStore replica = genesisStore(tmp.resolve("replica"), spec)) {
      long head = source.head().number();
      long txTotal = countTransfers(source, head, o.txs());

      // the source: serves its chain
      ZksProtocol sourceZks = new ZksProtocol(NodeId.of(sequencer), source, serving, CommittedTxSource.NONE, ZksLimits.DEFAULT);
      P2pNetwork sourceNet = new P2pNetwork(sourceVertx, P2pConfig.defaults("127.0.0.1", 0, List.of()), sequencer,
          List.of(sourceZks));
      sourceNet.start().toCompletableFuture().join();
      Enode sourceEnode = sourceNet.enode();

      // the replica: empty, trusts the source's key as its boot node's
      ZksProtocol replicaZks = new ZksProtocol(NodeId.of(replicaKey), replica, serving, CommittedTxSource.NONE, ZksLimits.DEFAULT);
      BlockReplayer replayer = new BlockReplayer(NodeId.of(replicaKey), replica, replica,
          AllowedSigners.of(List.of(), List.of(sourceEnode), NodeId.of(replicaKey)), new StoreBlockSink(replica), replicaZks,
          new ReplayConfig(128, 4, 2048, 2, Duration.ofMillis(200)));
      replayer.start(true);
      P2pNetwork replicaNet = new P2pNetwork(replicaVertx, P2pConfig.defaults("127.0.0.1", 0, List.of(sourceEnode)),
          replicaKey, List.of(replicaZks));

      java.util.Map<String, Long> threads0 = cpuByThreadGroup();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      replicaNet.start().toCompletableFuture().join();
      long firstBlockNanos = -1;
      long lastReport = t0;
      while (replica.head().number() < head) {
        Thread.sleep(20);
        long now = System.nanoTime();
        if (firstBlockNanos < 0 && replica.head().number() > 0) {
          firstBlockNanos = now - t0;
        }
        if (now - lastReport > 10_000_000_000L) {
          lastReport = now;
          SyncProgress p = replayer.progress();
          System.out.printf(Locale.ROOT, "replica at %d / %d (%.0f blocks/s so far)%n", p.ownHead(), head,
              p.ownHead() / ((now - t0) / 1e9));
        }
        if (now - t0 > TimeUnit.MINUTES.toNanos(30)) {
          throw new IllegalStateException("replica stuck at " + replica.head().number() + " of " + head);
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
      java.util.Map<String, Long> threads1 = cpuByThreadGroup();
      StringBuilder perThread = new StringBuilder();
      double listed = 0;
      for (var e : threads1.entrySet()) {
        double ms = (e.getValue() - threads0.getOrDefault(e.getKey(), 0L)) / 1e6 / head;
        if (ms >= 0.05) {
          listed += ms;
          perThread.append(String.format(Locale.ROOT, "#   %-40s %6.2f ms%n", e.getKey(), ms));
        }
      }
      perThread.append(String.format(Locale.ROOT, "#   %-40s %6.2f ms%n", "other (GC, JIT, RocksDB background, ...)",
          cpuSeconds * 1000 / head - listed));
      if (!replica.head().hash().equals(source.head().hash())) {
        throw new IllegalStateException("replica head " + replica.head().hash() + " differs from the source's");
      }
      SyncProgress done = replayer.progress();

      // following: the source commits a block every 250 ms and announces it; time until the replica has applied it
      ReplayFixture.Producer producer = new ReplayFixture.Producer(source, spec, params);
      List<Double> followMillis = new java.util.ArrayList<>();
      for (int i = 0; i < o.follow(); i++) {
        long started = System.nanoTime();
        Block b = producer.produce();
        long committed = System.nanoTime();
        sourceZks.announce(b);
        while (replica.head().number() < b.number()) {
          Thread.onSpinWait();
          if (System.nanoTime() - committed > TimeUnit.SECONDS.toNanos(30)) {
            throw new IllegalStateException("replica did not follow block " + b.number());
          }
        }
        followMillis.add((System.nanoTime() - committed) / 1e6);
        long rest = TimeUnit.MILLISECONDS.toNanos(250) - (System.nanoTime() - started);
        if (rest > 0) {
          Thread.sleep(rest / 1_000_000);
        }
      }
      if (!replica.head().hash().equals(source.head().hash())) {
        throw new IllegalStateException("replica head differs from the source's after following");
      }
      List<Double> sorted = followMillis.stream().sorted().toList();
      replayer.close();
      replicaNet.stop().toCompletableFuture().join();
      sourceNet.stop().toCompletableFuture().join();

      double[] local = localBaseline(source, spec, o.baseline(), tmp.resolve("baseline"), sequencer);
      double localBlocksPerSecond = local[0];
      double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      double blocksPerSecond = head / seconds;
      replayTps = txTotal / seconds;
      double goal = 10 / BLOCK_TIME_SECONDS;
      report = String.format(Locale.ROOT, String.join("\n",
          "# ReplayBench %s",
          "# chain: %d blocks, %d transfers (%d per block, %d senders), sealed by one key; fixture %s",
          "# an empty replica syncs it from one source over RLPx on loopback: decode + recover senders, verify seal,",
          "# parent and re-execution (state, receipts roots, gas), commit one RocksDB batch per block (synced)",
          "# java %s, %d cpus, load average %.1f before, %.1f after (both nodes share this JVM and machine)",
          "sync: %.1f s, first block after %.0f ms, process cpu %.1f s (%.2f ms per block, %.0f blocks per cpu-second)",
          "# cpu per block by thread:",
          "%s#",
          "p2p replay:      %8.1f blocks/s %10.0f transfers/s",
          "local baseline:  %8.1f blocks/s %10.0f transfers/s  (first %d blocks: decode + verify + commit, no network)",
          "p2p / local:     %8.2f (wall; both depend on the machine's load at the time)",
          "cpu per block:   p2p %.2f ms (both nodes, all threads), local %.2f ms (one thread, RocksDB background excluded)",
          "goal:            %8.1f blocks/s (10x the block rate at %.0f ms blocks): %s",
          "replayed %d, rejected %d",
          "following (source commits a %d-transfer block every 250 ms and announces it; %d blocks):",
          "commit on source -> applied on replica: p50 %.1f ms, p90 %.1f ms, max %.1f ms",
          ""),
          Instant.now(), head, txTotal, o.txs(), o.senders(), o.fixture(),
          System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter,
          seconds, firstBlockNanos / 1e6, cpuSeconds, cpuSeconds * 1000 / head, head / cpuSeconds, perThread,
          blocksPerSecond, txTotal / seconds,
          localBlocksPerSecond, localBlocksPerSecond * o.txs(), o.baseline(),
          blocksPerSecond / localBlocksPerSecond,
          cpuSeconds * 1000 / head, local[1],
          goal, BLOCK_TIME_SECONDS * 1000, blocksPerSecond >= goal ? "met" : "NOT met",
          done.applied(), done.rejected(),
          o.txs(), sorted.size(), pct(sorted, 0.5), pct(sorted, 0.9), sorted.get(sorted.size() - 1));
    } finally {
      serving.shutdownNow();
      replicaVertx.close();
      sourceVertx.close();
      ReplayFixture.deleteRecursively(tmp);
    }
    if (o.compare() != null) {
      report += clusterComparison(o.compare(), replayTps);
    }
    System.out.print(report);
    Files.createDirectories(o.out().toAbsolutePath().getParent());
    Files.writeString(o.out(), report);
    System.out.println("written to " + o.out());
    System.exit(0);
  }

  /**
   * The issue's second goal: a replica must replay transfers at least as fast as the cluster includes
   * them at its maximum (closed loop), as {@code TransactionPathBench} measured it in the same
   * {@code bench/run.sh} run, so it catches up while the chain runs at full speed.
   */
  private static String clusterComparison(Path transactionPathJson, double replayTps) throws java.io.IOException {
    com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(transactionPathJson.toFile());
    double clusterTps = -1;
    for (com.fasterxml.jackson.databind.JsonNode phase : root.path("phases")) {
      if (phase.path("target").asText().equals("cluster") && phase.path("mode").asText().equals("closed loop")) {
        clusterTps = phase.path("load").path("includedTps").asDouble();
      }
    }
    if (clusterTps <= 0) {
      return "vs cluster:      no cluster closed-loop phase in " + transactionPathJson + "\n";
    }
    return String.format(Locale.ROOT, "vs cluster:      %.0f transfers/s replayed / %.0f tx/s included by the cluster at"
        + " its maximum (%s) = %.2fx; goal >= 1.0x: %s%n", replayTps, clusterTps, transactionPathJson.getFileName(),
        replayTps / clusterTps, replayTps >= clusterTps ? "met" : "NOT met");
  }

  /**
   * Decode, verify and commit the first blocks into a fresh store, in this thread: {blocks/s, cpu
   * ms per block of this thread}.
   */
  private static double[] localBaseline(RocksChainStore source, GenesisSpec spec, int blocks, Path dir, NodeKey sequencer) {
    try (RocksChainStore local = genesisStore(dir, spec)) {
      BlockImporter importer = new BlockImporter(local, spec.chainId(), sequencer.address()::equals);
      long t0 = System.nanoTime();
      long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      for (long n = 1; n <= blocks; n++) {
        byte[] wire = source.encodedBlockByNumber(n).orElseThrow();
        Block b = BlockCodec.decodeBlock(wire, spec.chainId());
        BlockCommit c = importer.verify(b, local.head().header(), local.headState(), null);
        local.commit(c);
      }
      double cpuMs = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1e6 / blocks;
      return new double[] {blocks / ((System.nanoTime() - t0) / 1e9), cpuMs};
    } catch (Exception e) {
      throw new IllegalStateException("local baseline failed", e);
    }
  }

  private static RocksChainStore genesisStore(Path dir, GenesisSpec spec) {
    RocksChainStore store = RocksChainStore.open(dir, spec.chainId(), TUNING);
    GenesisResult g = Genesis.build(spec, store);
    store.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
    return store;
  }

  private static double pct(List<Double> sorted, double q) {
    return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * q) - 1));
  }

  /** Every fixture block holds {@code txs} transfers (the generator checks); spot-check first and last. */
  private static long countTransfers(RocksChainStore store, long head, int txs) {
    for (long b : new long[] {1, head}) {
      int n = store.blockByNumber(b).orElseThrow().transactions().size();
      if (n != txs) {
        throw new IllegalStateException("fixture block " + b + " has " + n + " transfers, expected " + txs);
      }
    }
    return head * txs;
  }

  /** CPU time of live threads, grouped by name with trailing ids and numbers removed. */
  private static java.util.Map<String, Long> cpuByThreadGroup() {
    var mx = ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      long cpu = mx.getThreadCpuTime(t.getId());
      if (cpu <= 0) {
        continue;
      }
      String group = t.getName().replaceAll("-[0-9a-f]{8}", "").replaceAll("-?[0-9]+$", "");
      String role = switch (group) {
        case "replay" -> "replica: verify + commit (sync thread)";
        case "replay-decode" -> "replica: decode + recover senders";
        case "vert.x-eventloop-thread" -> "both: RLPx + snappy (event loops)";
        case "zks-serve" -> "source: serving (database reads)";
        default -> group;
      };
      out.merge(role, cpu, Long::sum);
    }
    out.values().removeIf(v -> v < 1_000_000);
    return out;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
