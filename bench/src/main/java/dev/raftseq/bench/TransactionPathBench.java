package dev.raftseq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.bench.loadgen.ClosedLoopRun;
import dev.raftseq.bench.loadgen.JsonRpcClient;
import dev.raftseq.bench.loadgen.LoadGenOptions;
import dev.raftseq.bench.loadgen.LoadGenResult;
import dev.raftseq.bench.loadgen.LoadRun;
import dev.raftseq.bench.loadgen.Ticker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.web3j.crypto.Credentials;

/**
 * The transaction path side by side: anvil, the single sequencer and the three-node cluster, each
 * started alone on loopback from the built jar (and anvil from .tools), measured with the same
 * independent load generator, then stopped. For each: a closed-loop run (maximum throughput: batches
 * of pre-signed transfers from 1,000 funded senders, each batch sent as soon as the previous answer
 * arrives) and an open-loop run at half the cluster's maximum included rate. Inclusion is observed
 * by polling {@code eth_getBlockByNumber} on the endpoint the load goes to (every 20 ms); CPU per
 * included transaction comes from {@code /proc/<pid>/stat} of each process around each run.
 * Results: {@code bench/results/<date>-transaction-path.json} and {@code .md}, every figure also a
 * ratio to anvil's and the single node's in the same run.
 *
 * <p>Usage: {@code ./bench/run.sh [--quick]} (builds if needed).
 */
public final class TransactionPathBench {
  private static final String[] KEYS = {
    "0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308",
    "c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7",
    "8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d",
  };
  private static final int RAFT_PORT_OFFSET = 100;
  /** Senders 10..1009 of the test mnemonic: funded by our genesis (devAccounts) and by anvil --accounts 1010. */
  private static final int FIRST_SENDER = 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  /** Enough for the closed loop's rate to level off on the 2-core VM (bench/results/2026-12-07T23-50-warm-up.md). */
  static final int DEFAULT_WARM_UP_RUNS = 6;
  private static final long CLOCK_TICK_NANOS = 10_000_000; // USER_HZ is 100 on Linux

  private final boolean quick;
  private final int senders;
  private final int concurrency;
  private final int batch;
  private final Path work;
  private final Path repo;
  private final List<String> jvmOptions;
  private final List<String> targets;
  private final int warmUpRuns;
  private final Map<String, List<Double>> warmUpTps = new LinkedHashMap<>();
  private static final String COLD = "closed loop, cold (first warm-up run)";

  private TransactionPathBench(boolean quick, int senders, int concurrency, int batch, Path work, Path repo,
      List<String> jvmOptions, List<String> targets, int warmUpRuns) {
    this.quick = quick;
    this.senders = senders;
    this.concurrency = concurrency;
    this.batch = batch;
    this.work = work;
    this.repo = repo;
    this.jvmOptions = jvmOptions;
    this.targets = targets;
    this.warmUpRuns = warmUpRuns;
  }

  /** One measured phase: the load generator's result and the CPU each process of the target spent. */
  record Phase(String target, String mode, LoadGenResult load, List<Double> cpuMicrosPerTx, double loadgenCpuMicrosPerTx,
      List<String> stageMetrics) {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    int senders = 1000;
    Path out = Path.of("bench/results");
    List<String> jvm = new ArrayList<>();
    List<String> targets = List.of("cluster", "single", "anvil");
    Integer warmUpRuns = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--senders" -> senders = Integer.parseInt(args[++i]);
        case "--out-dir" -> out = Path.of(args[++i]);
        case "--node-jvm-option" -> jvm.add(args[++i]);
        case "--targets" -> targets = List.of(args[++i].split(","));
        case "--warm-up-runs" -> warmUpRuns = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("usage: TransactionPathBench [--quick] [--senders N]"
            + " [--out-dir DIR] [--node-jvm-option OPT]... [--targets cluster,single,anvil] [--warm-up-runs N]; unknown " + args[i]);
      }
    }
    if (warmUpRuns != null && warmUpRuns < 1) {
      throw new IllegalArgumentException("--warm-up-runs must be at least 1 (the first is the cold row), not " + warmUpRuns);
    }
    if (senders < 1000 && !quick) {
      throw new IllegalArgumentException("the full run uses at least 1,000 senders");
    }
    Path work = Files.createTempDirectory("txpath-bench");
    TransactionPathBench b = new TransactionPathBench(quick, senders, 8, 100, work, Path.of("").toAbsolutePath(), jvm,
        targets, warmUpRuns != null ? warmUpRuns : quick ? 1 : DEFAULT_WARM_UP_RUNS);
    List<Phase> phases = b.run();
    b.write(phases, out);
  }

  private List<Phase> run() throws Exception {
    Path genesis = writeGenesis();
    List<Phase> phases = new ArrayList<>();
    double halfRate = 200;
    if (targets.contains("cluster")) {
      try (Target cluster = Target.cluster(this, genesis)) {
        phases.add(warmUp(cluster));
        Phase max = measure(cluster, closedLoop(cluster.rpc()));
        phases.add(max);
        halfRate = Math.max(10, Math.round(max.load().includedTps() / 2));
        phases.add(measure(cluster, openLoop(cluster.rpc(), halfRate)));
      }
    }
    if (targets.contains("single")) {
      try (Target single = Target.single(this, genesis)) {
        phases.add(warmUp(single));
        phases.add(measure(single, closedLoop(single.rpc())));
        phases.add(measure(single, openLoop(single.rpc(), halfRate)));
      }
    }
    if (targets.contains("anvil")) {
      try (Target anvil = Target.anvil(this)) {
        phases.add(warmUp(anvil));
        phases.add(measure(anvil, closedLoop(anvil.rpc())));
        phases.add(measure(anvil, openLoop(anvil.rpc(), halfRate)));
      }
    }
    return phases;
  }

  /**
   * Closed-loop runs until the JVMs are compiled and caches warm: on 2 cores shared by three node
   * JVMs and the load generator, C2 keeps compiling for minutes (each node compiles ~10,000 methods
   * of Ratis, gRPC, TLS, Vert.x, RocksDB and ours), and a node's first run costs 2× the CPU per
   * transfer of its sixth. Every target gets the same runs. The first is kept as the cold figure.
   */
  private Phase warmUp(Target target) {
    System.err.println("bench: warming up " + target.name() + " with " + warmUpRuns + " closed-loop runs");
    Phase first = null;
    List<Double> rates = new ArrayList<>();
    for (int i = 0; i < warmUpRuns; i++) {
      Phase p = measure(target, closedLoop(target.rpc(), quick ? 5 : 20, "warm-up " + (i + 1)));
      rates.add(p.load().includedTps());
      first = first == null ? p : first;
    }
    warmUpTps.put(target.name(), rates);
    return new Phase(first.target(), COLD, first.load(), first.cpuMicrosPerTx(), first.loadgenCpuMicrosPerTx(),
        first.stageMetrics());
  }

  private int seconds() {
    return quick ? 8 : 20;
  }

  private List<String> closedLoop(URI rpc) {
    return closedLoop(rpc, seconds(), "closed-loop");
  }

  /** Signs enough for 5,000 tx/s over the run (beyond it the run ends early, measured all the same). */
  private List<String> closedLoop(URI rpc, int seconds, String label) {
    return List.of("--rpc", rpc.toString(), "--closed-loop", Integer.toString(concurrency), "--batch",
        Integer.toString(batch), "--duration", Integer.toString(seconds), "--max-txs",
        Integer.toString(5_000 * seconds), "--accounts", Integer.toString(senders), "--first-account",
        Integer.toString(FIRST_SENDER), "--drain-timeout", "30", "--request-timeout", "30", "--label", label);
  }

  private List<String> openLoop(URI rpc, double rate) {
    return List.of("--rpc", rpc.toString(), "--rate", Double.toString(rate), "--duration",
        Integer.toString(seconds()), "--accounts", Integer.toString(senders), "--first-account",
        Integer.toString(FIRST_SENDER), "--drain-timeout", "30", "--label", "open-loop " + rate + " tx/s");
  }

  private Phase measure(Target target, List<String> args) {
    LoadGenOptions options = LoadGenOptions.parse(args.toArray(String[]::new));
    List<Long> before = target.cpuTicks();
    long loadgenBefore = processCpuNanos();
    LoadGenResult result;
    try (JsonRpcClient rpc = new JsonRpcClient(options.requestTimeout())) {
      result = options.closedLoop()
          ? new ClosedLoopRun(options, rpc, Ticker.system(), Clock.systemUTC(), System.err).run()
          : new LoadRun(options, rpc, Ticker.system(), Clock.systemUTC(), System.err).run();
    }
    List<Long> after = target.cpuTicks();
    long loadgenCpu = processCpuNanos() - loadgenBefore;
    long included = Math.max(1, result.included());
    List<Double> perTx = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      perTx.add((after.get(i) - before.get(i)) * CLOCK_TICK_NANOS / 1e3 / included);
    }
    Phase p = new Phase(target.name(), options.closedLoop() ? "closed loop" : "open loop", result, perTx,
        loadgenCpu / 1e3 / included, target.stageMetrics());
    System.err.printf(Locale.ROOT, "bench: %s %s: %.0f tx/s included, ack p99 %.1f ms, inclusion p99 %.1f ms,"
        + " CPU-us/tx per process %s%n", p.target(), p.mode(), result.includedTps(), result.ackLatency().p99Ms(),
        result.inclusionLatency().p99Ms(), perTx);
    System.err.print(result.toText());
    return p;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private Path writeGenesis() throws IOException {
    ObjectNode g = (ObjectNode) JSON.readTree(repo.resolve("local-chains/genesis.json").toFile());
    g.put("devAccounts", senders);
    g.put("devAccountBalance", "1000000000000000000000");
    Path file = work.resolve("genesis.json");
    JSON.writeValue(file.toFile(), g);
    return file;
  }

  // ---- report -------------------------------------------------------------------------------------

  private void write(List<Phase> phases, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm"));
    ObjectNode root = JSON.createObjectNode();
    root.put("date", LocalDateTime.now().toString());
    root.put("quick", quick);
    root.put("cores", Runtime.getRuntime().availableProcessors());
    root.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    root.put("senders", senders);
    root.put("inclusionObserved", "eth_getBlockByNumber polled every 20 ms on the endpoint the load goes to");
    root.put("warmUpRuns", warmUpRuns);
    ObjectNode warm = root.putObject("warmUpIncludedTps");
    warmUpTps.forEach((target, rates) -> rates.forEach(warm.putArray(target)::add));
    ArrayNode list = root.putArray("phases");
    for (Phase p : phases) {
      ObjectNode n = list.addObject();
      n.put("target", p.target());
      n.put("mode", p.mode());
      n.set("load", JSON.valueToTree(p.load()));
      ArrayNode cpu = n.putArray("cpuMicrosPerIncludedTxPerProcess");
      p.cpuMicrosPerTx().forEach(cpu::add);
      n.put("loadgenCpuMicrosPerIncludedTx", p.loadgenCpuMicrosPerTx());
      ArrayNode stages = n.putArray("stageMetricsPerProcess");
      p.stageMetrics().forEach(stages::add);
      Map<String, Double> ratios = ratios(p, phases);
      ObjectNode r = n.putObject("ratios");
      ratios.forEach(r::put);
    }
    Path json = outDir.resolve(stamp + "-transaction-path.json");
    JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), root);
    Path md = outDir.resolve(stamp + "-transaction-path.md");
    Files.writeString(md, markdown(phases));
    System.out.print(markdown(phases));
    System.err.println("bench: results in " + json + " and " + md);
  }

  private static Map<String, Double> ratios(Phase p, List<Phase> all) {
    Map<String, Double> r = new LinkedHashMap<>();
    for (String base : List.of("anvil", "single")) {
      Phase b = find(all, base, p.mode());
      if (b != null && b.load().includedTps() > 0) {
        r.put("includedTpsVs" + capital(base), round2(p.load().includedTps() / b.load().includedTps()));
      }
    }
    return r;
  }

  private static Phase find(List<Phase> all, String target, String mode) {
    return all.stream().filter(x -> x.target().equals(target) && x.mode().equals(mode)).findFirst().orElse(null);
  }

  private String markdown(List<Phase> phases) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Transaction path, %s run, %d cores, %d senders; inclusion seen by polling"
        + " eth_getBlockByNumber every 20 ms.%n%n", quick ? "quick" : "full", Runtime.getRuntime().availableProcessors(),
        senders));
    b.append(String.format(Locale.ROOT, "Each target first ran %d unmeasured closed-loop warm-up runs of %d s (JIT);"
        + " the first is the cold row. Included tx/s of each warm-up run: %s.%n%n", warmUpRuns, quick ? 5 : 20,
        warmUpTps.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stream()
            .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList()).toList()));
    b.append("| target | run | included tx/s | vs anvil | vs single | ack p50 / p99 ms | submit→inclusion p50 / p99 ms"
        + " | CPU-µs per included tx, per process | load generator CPU-µs/tx |\n");
    b.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |\n");
    for (Phase p : phases) {
      Map<String, Double> r = ratios(p, phases);
      LoadGenResult l = p.load();
      b.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %s | %s | %.1f / %.1f | %.1f / %.1f | %s | %.0f |%n",
          p.target(), p.mode() + (p.mode().equals("open loop") ? " " + Math.round(l.targetTps()) + " tx/s" : ""),
          l.includedTps(), ratio(r.get("includedTpsVsAnvil")), ratio(r.get("includedTpsVsSingle")), l.ackLatency().p50Ms(),
          l.ackLatency().p99Ms(), l.inclusionLatency().p50Ms(), l.inclusionLatency().p99Ms(),
          p.cpuMicrosPerTx().stream().map(c -> String.format(Locale.ROOT, "%.0f", c)).toList(), p.loadgenCpuMicrosPerTx()));
    }
    return b.toString();
  }

  private static String ratio(Double r) {
    return r == null ? "" : String.format(Locale.ROOT, "%.2f×", r);
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }

  // ---- targets ------------------------------------------------------------------------------------

  /** Processes started for one measured target; stopped (killed) on close. */
  private static final class Target implements AutoCloseable {
    private final String name;
    private final List<Process> processes;
    private final URI rpc;
    private final List<Integer> metricsPorts;

    private Target(String name, List<Process> processes, URI rpc, List<Integer> metricsPorts) {
      this.name = name;
      this.processes = processes;
      this.rpc = rpc;
      this.metricsPorts = metricsPorts;
    }

    /** The sequencer's stage timers of each node (Prometheus text, the sequencer_ and consensus_ lines). */
    List<String> stageMetrics() {
      List<String> out = new ArrayList<>();
      for (int port : metricsPorts) {
        try {
          HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
              .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
          StringBuilder b = new StringBuilder();
          for (String line : r.body().split("\n")) {
            if (line.startsWith("sequencer_") && (line.contains("quantile") || line.contains("_count")
                || line.contains("_sum") || line.contains("_total"))) {
              b.append(line).append('\n');
            }
          }
          out.add(b.toString());
        } catch (IOException e) {
          out.add("unavailable: " + e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          out.add("interrupted");
        }
      }
      return out;
    }

    String name() {
      return name;
    }

    URI rpc() {
      return rpc;
    }

    /** utime + stime of each process, in clock ticks. */
    List<Long> cpuTicks() {
      List<Long> out = new ArrayList<>();
      for (Process p : processes) {
        try {
          String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          out.add(Long.parseLong(f[11]) + Long.parseLong(f[12])); // fields 14 and 15 of the whole line
        } catch (IOException e) {
          throw new IllegalStateException("cannot read CPU time of " + name + " process " + p.pid(), e);
        }
      }
      return out;
    }

    static Target single(TransactionPathBench b, Path genesis) throws Exception {
      int rpc = freePort();
      int status = freePort();
      Map<String, String> env = new LinkedHashMap<>();
      env.put("GENERAL_ROCKS_DB_PATH", b.work.resolve("single").toString());
      env.put("GENERAL_GENESIS_PATH", genesis.toString());
      env.put("RPC_ADDRESS", "127.0.0.1:" + rpc);
      env.put("STATUS_SERVER_ADDRESS", "127.0.0.1:" + status);
      int metrics = freePort();
      env.put("OBSERVABILITY_PROMETHEUS_PORT", Integer.toString(metrics));
      env.put("BATCHER_ENABLED", "false");
      env.put("PROVER_API_ENABLED", "false");
      Process p = b.startNode("single", env);
      Target t = new Target("single", List.of(p), URI.create("http://127.0.0.1:" + rpc), List.of(metrics));
      awaitReady(List.of(status), Duration.ofSeconds(120));
      return t;
    }

    static Target cluster(TransactionPathBench b, Path genesis) throws Exception {
      int[] p2p = new int[3];
      int[] rpc = new int[3];
      int[] status = new int[3];
      String[] ids = new String[3];
      for (int i = 0; i < 3; i++) {
        p2p[i] = freePort() - RAFT_PORT_OFFSET;
        rpc[i] = freePort();
        status[i] = freePort();
        String pub = Credentials.create(KEYS[i]).getEcKeyPair().getPublicKey().toString(16);
        ids[i] = "0".repeat(128 - pub.length()) + pub;
      }
      StringBuilder boot = new StringBuilder();
      StringBuilder peerIds = new StringBuilder("[");
      for (int j = 0; j < 3; j++) {
        boot.append(j == 0 ? "" : ",").append("enode://").append(ids[j]).append("@127.0.0.1:").append(p2p[j]);
        peerIds.append(j == 0 ? "" : ",").append("\"0x").append(ids[j]).append('"');
      }
      peerIds.append(']');
      List<Process> procs = new ArrayList<>();
      List<Integer> metrics = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NETWORK_ENABLED", "true");
        env.put("NETWORK_SECRET_KEY", KEYS[i]);
        env.put("NETWORK_ADDRESS", "127.0.0.1");
        env.put("NETWORK_PORT", Integer.toString(p2p[i]));
        env.put("NETWORK_BOOT_NODES", boot.toString());
        env.put("CONSENSUS_ENABLED", "true");
        env.put("CONSENSUS_BOOTSTRAP", "true");
        env.put("CONSENSUS_PEER_IDS__JSON", peerIds.toString());
        env.put("BATCHER_ENABLED", "false");
        env.put("PROVER_API_ENABLED", "false");
        env.put("STATUS_SERVER_ADDRESS", "127.0.0.1:" + status[i]);
        env.put("RPC_ADDRESS", "127.0.0.1:" + rpc[i]);
        metrics.add(freePort());
        env.put("OBSERVABILITY_PROMETHEUS_PORT", Integer.toString(metrics.get(i)));
        env.put("GENERAL_ROCKS_DB_PATH", b.work.resolve("cluster" + i).toString());
        env.put("GENERAL_GENESIS_PATH", genesis.toString());
        procs.add(b.startNode("cluster" + i, env));
      }
      List<Integer> statusPorts = List.of(status[0], status[1], status[2]);
      awaitReady(statusPorts, Duration.ofSeconds(180));
      int leader = awaitLeader(statusPorts, Duration.ofSeconds(60));
      return new Target("cluster", procs, URI.create("http://127.0.0.1:" + rpc[leader]), metrics);
    }

    static Target anvil(TransactionPathBench b) throws Exception {
      int port = freePort();
      Path anvil = b.repo.resolve(".tools/bin/anvil");
      Process p = new ProcessBuilder(anvil.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
          "--accounts", Integer.toString(FIRST_SENDER + b.senders), "--balance", "1000000", "--block-time", "0.25")
          .redirectErrorStream(true).redirectOutput(b.work.resolve("anvil.log").toFile()).start();
      Target t = new Target("anvil", List.of(p), URI.create("http://127.0.0.1:" + port), List.of());
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("anvil exited; see " + b.work.resolve("anvil.log"));
        }
        if (rpcAnswers(t.rpc)) {
          return t;
        }
        LockSupport.parkNanos(100_000_000);
      }
      throw new IllegalStateException("anvil did not answer within 120 s");
    }

    @Override
    public void close() {
      for (Process p : processes) {
        p.destroy();
      }
      for (Process p : processes) {
        try {
          if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private Process startNode(String name, Map<String, String> env) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    jvmOptions.forEach(o -> cmd.add(o.replace("{name}", name)));
    cmd.add("-jar");
    cmd.add(repo.resolve("node/target/node.jar").toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve(name + ".log").toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  private static void awaitReady(List<Integer> statusPorts, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (int port : statusPorts) {
        all &= readyCode(port) == 200;
      }
      if (all) {
        return;
      }
      LockSupport.parkNanos(100_000_000);
    }
    throw new IllegalStateException("not ready within " + timeout);
  }

  private static int awaitLeader(List<Integer> statusPorts, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < statusPorts.size(); i++) {
        JsonNode s = get("http://127.0.0.1:" + statusPorts.get(i) + "/status");
        if (s != null && s.path("consensus").path("raft").path("is_leader").asBoolean()) {
          return i;
        }
      }
      LockSupport.parkNanos(50_000_000);
    }
    throw new IllegalStateException("no leader within " + timeout);
  }

  private static int readyCode(int port) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status/ready"))
          .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static boolean rpcAnswers(URI rpc) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(rpc).timeout(Duration.ofSeconds(1))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("result");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static JsonNode get(String url) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
