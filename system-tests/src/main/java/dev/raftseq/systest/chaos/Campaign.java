package dev.raftseq.systest.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.types.Address;
import dev.raftseq.systest.check.ChainFiles;
import dev.raftseq.systest.check.CheckReport;
import dev.raftseq.systest.check.Checker;
import dev.raftseq.systest.cluster.Cluster;
import dev.raftseq.systest.cluster.ClusterOptions;
import dev.raftseq.systest.cluster.ClockControl;
import dev.raftseq.systest.cluster.LossyFs;
import dev.raftseq.systest.cluster.NodeView;
import dev.raftseq.systest.cluster.StatusMonitor;
import dev.raftseq.systest.history.History;
import dev.raftseq.systest.history.HistoryJson;
import dev.raftseq.systest.history.HistoryRecorder;
import dev.raftseq.systest.history.OpType;
import dev.raftseq.systest.history.Ops;
import dev.raftseq.systest.load.JsonRpc;
import dev.raftseq.systest.load.LoadAccount;
import dev.raftseq.systest.load.LoadDriver;
import dev.raftseq.systest.load.SubmitOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fault campaign: start three nodes, drive load while recording the history, inject the
 * planned faults one per cycle, heal everything, check that the cluster recovers (liveness),
 * let acknowledged transactions drain, read every node's chain and run the {@link Checker}.
 */
public final class Campaign {
  private static final Logger LOG = LoggerFactory.getLogger(Campaign.class);
  static final Duration FIRST_START = Duration.ofSeconds(600);
  static final Duration SETTLE = Duration.ofSeconds(90);
  static final Duration LIVENESS = Duration.ofSeconds(180);
  static final Duration DRAIN = Duration.ofSeconds(60);
  static final long TMPFS_BYTES = 512L * 1024 * 1024;

  private final CampaignOptions options;
  private final JsonRpc rpc = new JsonRpc();
  private volatile Cluster cluster;

  private int cyclesNotSettled;

  public Campaign(CampaignOptions options) {
    this.options = options;
  }

  /** What a campaign did and what the checker said. */
  public record Result(CheckReport report, ObjectNode summary, Path runDir) {}

  public Result run() throws IOException, InterruptedException {
    Path runDir = options.runDir();
    Files.createDirectories(runDir);
    long started = System.nanoTime();
    long chainId = Cluster.chainId(options.repoRoot());
    List<LoadAccount> accounts = new ArrayList<>();
    for (int i = 0; i < options.accounts(); i++) {
      accounts.add(new LoadAccount(10 + i));
    }
    List<LoadAccount> probes = new ArrayList<>();
    for (int i = 0; i < Cluster.SIZE; i++) {
      probes.add(new LoadAccount(10 + options.accounts() + i));
    }
    Optional<Path> faketime = options.faults().contains(FaultKind.CLOCK) ? ClockControl.library() : Optional.empty();
    Optional<Long> tmpfs = options.faults().contains(FaultKind.DISK) ? Optional.of(TMPFS_BYTES) : Optional.empty();
    Optional<Path> lossyfs = options.faults().contains(FaultKind.POWERCUT) ? Optional.of(LossyFs.binary(options.repoRoot()))
        : Optional.empty();
    List<FaultSpec> plan = FaultPlan.plan(options.seed(), options.cycles(), options.faults());
    Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
    int forcedRestarts = 0;
    int cyclesRun = 0;
    String cannotStart = "";
    CheckReport report = null;
    try (HistoryRecorder history = new HistoryRecorder(runDir.resolve("history.jsonl"), InstantSource.system())) {
      cluster = new Cluster(new ClusterOptions(runDir, options.nodeJar(), options.repoRoot(), options.accounts() + Cluster.SIZE,
          faketime, tmpfs, lossyfs, options.nodeEnv()));
      try (StatusMonitor monitor = new StatusMonitor(cluster.names(), cluster.statusPorts(), history)) {
        history.record(Ops.HARNESS, OpType.INFO, Ops.CLUSTER, cluster.describe(chainId).put("seed", options.seed()));
        cluster.startAll();
        monitor.start();
        if (!awaitHealthy(monitor, FIRST_START)) {
          throw new IllegalStateException("the cluster did not start: " + tails());
        }
        Nemesis nemesis = new Nemesis(cluster, monitor, history, new Random(options.seed() ^ 0x5eed));
        try (LoadDriver load = new LoadDriver(cluster.rpcUrls(), cluster.names(), accounts, chainId, history,
            options.txPerSecond(), options.seed())) {
          load.start();
          long deadline = started + options.maxDuration().toNanos();
          for (FaultSpec f : plan) {
            if (System.nanoTime() > deadline) {
              LOG.warn("time bound reached after {} cycles", cyclesRun);
              break;
            }
            Thread.sleep(f.quietMillis());
            int target = nemesis.run(f);
            injected.merge(f.kind(), 1, Integer::sum);
            cyclesRun++;
            forcedRestarts += settle(monitor, nemesis, f, target);
            cannotStart = cannotStart(monitor);
            if (!cannotStart.isEmpty()) {
              break;
            }
          }
          if (cannotStart.isEmpty()) {
            nemesis.healAll("end of faults");
          }
        }
        if (cannotStart.isEmpty()) {
          liveness(monitor, history, probes, chainId);
          drain(history.snapshot());
          awaitSameHead(monitor);
        } else {
          // no point waiting for a cluster whose nodes die at every start: the run has failed
          LOG.error("ending the campaign: {}", cannotStart);
          history.record(Ops.HARNESS, OpType.FAIL, Ops.LIVENESS, HistoryRecorder.value().put("waited_ms", 0)
              .put("detail", cannotStart));
        }
        history.record(Ops.HARNESS, OpType.INFO, Ops.CHAINS_READ, HistoryRecorder.value());
        Path chains = Files.createDirectories(runDir.resolve("chains"));
        List<Address> addresses = new ArrayList<>(accounts.stream().map(LoadAccount::address).toList());
        probes.forEach(p -> addresses.add(p.address()));
        ChainDownloader down = new ChainDownloader();
        for (int i = 0; i < Cluster.SIZE; i++) {
          if (!cluster.alive(i)) {
            continue; // it serves no chain: what only it held counts as lost
          }
          down.download(cluster.rpcUrl(i), Cluster.name(i), chains);
          down.downloadAccounts(cluster.rpcUrl(i), Cluster.name(i), addresses, chains);
        }
      }
      History recorded = history.snapshot();
      report = Checker.check(recorded, ChainFiles.read(runDir.resolve("chains")));
    } catch (RuntimeException | IOException | InterruptedException e) {
      Files.writeString(runDir.resolve("error.txt"), e + "\n" + tails());
      throw e;
    } finally {
      if (cluster != null) {
        // a failing run keeps its data: copied off the tmpfs mounts before they go
        // a failing run, or one where a node did not catch up in time, keeps its data and logs
        cluster.close(options.keep() || report == null || !report.valid() || cyclesNotSettled > 0);
      }
    }
    ObjectNode summary = summary(report, plan.size(), cyclesRun, injected, forcedRestarts, started);
    HistoryJson.JSON.writerWithDefaultPrettyPrinter().writeValue(runDir.resolve("summary.json").toFile(), summary);
    if (report.valid() && !options.keep() && cyclesNotSettled == 0) {
      deleteTree(runDir.resolve("nodes"));
      deleteTree(runDir.resolve("logs"));
    }
    return new Result(report, summary, runDir);
  }

  /** Stops every node now (from a shutdown hook). */
  public void abort() {
    Cluster c = cluster;
    if (c != null) {
      c.close();
    }
  }

  /**
   * After a fault healed: waits until every node answers, one leads and all have caught up. A
   * node process that exited is restarted, as an operator's supervisor would; so is the node
   * whose disk was full if it still does not serve once space is back (an operator restarts it).
   * A live node is never killed for being slow: on this shared machine slowness is not a fault.
   * Each restart is recorded and counted in the summary.
   */
  private int settle(StatusMonitor monitor, Nemesis nemesis, FaultSpec f, int target) throws InterruptedException {
    if (awaitHealthy(monitor, SETTLE)) {
      return 0;
    }
    int restarts = 0;
    monitor.pollOnce();
    for (int i = 0; i < Cluster.SIZE; i++) {
      if (!cluster.alive(i)) {
        nemesis.restart(i, "exited with code " + cluster.process(i).exitCode() + " after " + f.kind().cliName()
            + " (cycle " + f.cycle() + ")");
        restarts++;
      } else if (f.kind() == FaultKind.DISK && i == target && !monitor.latest(i).up()) {
        nemesis.restart(i, "not serving " + SETTLE.toSeconds() + " s after its disk was freed (cycle " + f.cycle()
            + ")");
        restarts++;
      }
    }
    if (!awaitHealthy(monitor, SETTLE)) {
      List<NodeView> views = monitor.pollOnce();
      LOG.error("cluster unhealthy after cycle {}: {}", f.cycle(), views);
      cyclesNotSettled++;
    }
    return restarts;
  }

  /**
   * Nodes whose process exited again after settle restarted them (say, storage they cannot
   * recover from), each with its last log line; empty when every node process runs.
   */
  private String cannotStart(StatusMonitor monitor) throws InterruptedException {
    // settle gave up at the first exit: wait (bounded) until each other node serves or exits too
    long end = System.nanoTime() + SETTLE.toNanos();
    boolean anyDead = false;
    while (System.nanoTime() < end) {
      List<NodeView> views = monitor.pollOnce();
      boolean decided = true;
      anyDead = false;
      for (int i = 0; i < Cluster.SIZE; i++) {
        anyDead |= !cluster.alive(i);
        decided &= !cluster.alive(i) || views.get(i).up();
      }
      if (!anyDead || decided) {
        break;
      }
      Thread.sleep(250);
    }
    if (!anyDead) {
      return "";
    }
    List<String> dead = new ArrayList<>();
    for (int i = 0; i < Cluster.SIZE; i++) {
      if (!cluster.alive(i)) {
        String[] tail = cluster.process(i).logTail(1).strip().split("\n");
        dead.add(Cluster.name(i) + " exits at start with code " + cluster.process(i).exitCode() + ": "
            + tail[tail.length - 1]);
      }
    }
    return String.join("; ", dead);
  }

  /**
   * Every node answers /status, exactly one leads, and each has reached the leader's head of when
   * it was first seen. False at once when a node process has exited: it cannot get healthy.
   */
  private boolean awaitHealthy(StatusMonitor monitor, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    long target = -1;
    while (System.nanoTime() < end) {
      for (int i = 0; i < Cluster.SIZE; i++) {
        if (!cluster.alive(i)) {
          return false;
        }
      }
      List<NodeView> views = monitor.pollOnce();
      int leader = monitor.leader();
      if (leader >= 0 && views.stream().allMatch(NodeView::up)) {
        if (target < 0) {
          target = views.get(leader).head();
        }
        long t = target;
        if (views.stream().allMatch(v -> v.head() >= t)) {
          return true;
        }
      }
      Thread.sleep(250);
    }
    return false;
  }

  /**
   * The cluster serves again once every fault is off: each node acknowledges a fresh transaction
   * sent to it (clients may use any node, so every node must answer; a node that only ever times
   * out or refuses is not serving), and every probe is then served from a block by every node,
   * all within {@link #LIVENESS}.
   */
  private void liveness(StatusMonitor monitor, HistoryRecorder history, List<LoadAccount> probes, long chainId)
      throws InterruptedException {
    long start = System.nanoTime();
    long end = start + LIVENESS.toNanos();
    List<LoadAccount.SignedTx> txs = new ArrayList<>();
    for (int i = 0; i < Cluster.SIZE; i++) {
      txs.add(probes.get(i).transfer(chainId, 0, probes.get(i).address(), 1));
    }
    java.util.Map<Integer, String> unacked = new java.util.TreeMap<>();
    for (int i = 0; i < Cluster.SIZE; i++) {
      unacked.put(i, "not tried");
    }
    while (System.nanoTime() < end && !unacked.isEmpty()) {
      for (int node : List.copyOf(unacked.keySet())) {
        SubmitOutcome o = probe(history, node, txs.get(node));
        // only an acknowledgement counts ("already known" means a node pooled it, not that it replicated it)
        if (o.type() == OpType.OK) {
          unacked.remove(node);
        } else {
          unacked.put(node, String.valueOf(o.error()));
          // an attempt that timed out may still have been committed: its retry would then only ever
          // hear "nonce too low" or "already known", so the next attempt is a fresh transaction
          txs.set(node, freshProbe(probes.get(node), txs.get(node), node, chainId));
        }
      }
      if (!unacked.isEmpty()) {
        Thread.sleep(500);
      }
    }
    String detail = unacked.isEmpty() ? "" : "not acknowledged by " + unacked.entrySet().stream()
        .map(e -> Cluster.name(e.getKey()) + " (last answer: " + e.getValue() + ")")
        .collect(java.util.stream.Collectors.joining(", "));
    Set<String> served = new HashSet<>();
    while (unacked.isEmpty() && System.nanoTime() < end && served.size() < Cluster.SIZE * Cluster.SIZE) {
      for (int i = 0; i < Cluster.SIZE; i++) {
        for (LoadAccount.SignedTx tx : txs) {
          try {
            JsonNode r = rpc.result(cluster.rpcUrl(i), Duration.ofSeconds(2), "eth_getTransactionByHash",
                tx.hash().toHex());
            if (r.isObject() && r.hasNonNull("blockNumber")) {
              served.add(i + "/" + tx.hash());
            }
          } catch (IOException e) {
            detail = Cluster.name(i) + ": " + e.getMessage();
          }
        }
      }
      if (served.size() < Cluster.SIZE * Cluster.SIZE) {
        Thread.sleep(250);
      }
    }
    long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
    boolean ok = unacked.isEmpty() && served.size() == Cluster.SIZE * Cluster.SIZE;
    if (unacked.isEmpty() && !ok) {
      detail = "the probes are in blocks " + served.size() + " times of " + Cluster.SIZE * Cluster.SIZE;
    }
    history.record(Ops.HARNESS, ok ? OpType.OK : OpType.FAIL, Ops.LIVENESS, HistoryRecorder.value()
        .put("waited_ms", waited).put("leader", Cluster.name(Math.max(0, monitor.leader()))).put("detail", detail));
    LOG.info("liveness after healing: {} in {} ms", ok ? "ok" : "FAILED (" + detail + ")", waited);
  }

  /**
   * The probe account's next transaction as the node counts it (pending ones included), or the same
   * transaction while the node cannot say or still expects it.
   */
  private LoadAccount.SignedTx freshProbe(LoadAccount account, LoadAccount.SignedTx last, int node, long chainId) {
    try {
      long next = Long.decode(rpc.result(cluster.rpcUrl(node), Duration.ofSeconds(2), "eth_getTransactionCount",
          account.address().toHex(), "pending").asText());
      return next > last.nonce() ? account.transfer(chainId, next, account.address(), 1) : last;
    } catch (IOException | RuntimeException e) {
      return last;
    }
  }

  private SubmitOutcome probe(HistoryRecorder history, int node, LoadAccount.SignedTx tx) {
    String process = "client-probe-" + Cluster.name(node);
    history.record(process, OpType.INVOKE, Ops.SUBMIT, HistoryRecorder.value().put("tx", tx.hash().toHex())
        .put("from", tx.from().toHex()).put("nonce", tx.nonce()).put("node", Cluster.name(node)));
    SubmitOutcome o;
    try {
      o = SubmitOutcome.of(rpc.call(cluster.rpcUrl(node), Duration.ofSeconds(20), "eth_sendRawTransaction", tx.rawHex()));
    } catch (IOException e) {
      o = SubmitOutcome.of(e);
    }
    ObjectNode done = HistoryRecorder.value().put("tx", tx.hash().toHex()).put("node", Cluster.name(node));
    if (o.error() != null) {
      done.put("error", o.error());
    }
    history.record(process, o.type(), Ops.SUBMIT, done);
    return o;
  }

  /** Waits until every acknowledged transaction is in a block on node 1 (bounded: a lost one stays lost). */
  private void drain(History history) throws InterruptedException {
    List<String> pending = history.of(Ops.SUBMIT).filter(o -> o.type() == OpType.OK).map(o -> o.text("tx")).distinct()
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    long end = System.nanoTime() + DRAIN.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < end) {
      List<String> still = new ArrayList<>();
      for (int from = 0; from < pending.size(); from += 500) {
        List<String> chunk = pending.subList(from, Math.min(pending.size(), from + 500));
        try {
          List<JsonNode> rs = rpc.batch(cluster.rpcUrl(0), Duration.ofSeconds(30), "eth_getTransactionByHash",
              chunk.stream().map(h -> new Object[] {h}).toList());
          for (int i = 0; i < chunk.size(); i++) {
            JsonNode r = rs.get(i).path("result");
            if (!(r.isObject() && r.hasNonNull("blockNumber"))) {
              still.add(chunk.get(i));
            }
          }
        } catch (IOException e) {
          still.addAll(chunk);
        }
      }
      pending = still;
      if (!pending.isEmpty()) {
        Thread.sleep(500);
      }
    }
    LOG.info("drain: {} acknowledged transactions not in a block on n1", pending.size());
  }

  private void awaitSameHead(StatusMonitor monitor) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int stable = 0;
    while (System.nanoTime() < end && stable < 3) {
      List<NodeView> v = monitor.pollOnce();
      boolean same = v.stream().allMatch(NodeView::up) && v.stream().map(NodeView::head).distinct().count() == 1;
      stable = same ? stable + 1 : 0;
      Thread.sleep(300);
    }
  }

  private ObjectNode summary(CheckReport report, int planned, int cyclesRun, Map<FaultKind, Integer> injected,
      int forcedRestarts, long started) {
    ObjectNode s = HistoryJson.JSON.createObjectNode();
    ObjectNode c = s.putObject("campaign");
    c.put("seed", options.seed());
    c.put("cycles_planned", planned);
    c.put("cycles_run", cyclesRun);
    var kinds = c.putArray("fault_kinds");
    options.faults().stream().sorted().forEach(k -> kinds.add(k.cliName()));
    ObjectNode f = c.putObject("faults");
    injected.forEach((k, n) -> f.put(k.cliName(), n));
    c.put("restarts_needed_after_heal", forcedRestarts);
    // cycles after which some node had not caught up (or none led) within the settle time
    c.put("cycles_not_settled", cyclesNotSettled);
    c.put("tx_per_second", options.txPerSecond());
    c.put("accounts", options.accounts());
    c.put("duration_s", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    c.put("run_dir", options.runDir().toString());
    s.set("check", report.toJson());
    return s;
  }

  private String tails() {
    Cluster c = cluster;
    if (c == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Cluster.SIZE; i++) {
      sb.append("\n---- ").append(Cluster.name(i)).append('\n').append(c.process(i).logTail(30));
    }
    return sb.toString();
  }

  static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
