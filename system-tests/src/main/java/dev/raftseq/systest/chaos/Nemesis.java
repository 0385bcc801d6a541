package dev.raftseq.systest.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.systest.cluster.Cluster;
import dev.raftseq.systest.cluster.DiskControl;
import dev.raftseq.systest.cluster.Link;
import dev.raftseq.systest.cluster.StatusMonitor;
import dev.raftseq.systest.history.HistoryRecorder;
import dev.raftseq.systest.history.OpType;
import dev.raftseq.systest.history.Ops;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects one planned fault, holds it, heals it, and writes each step into the history as a
 * nemesis record. Holding a fault for a while is the fault's duration, not a synchronization.
 */
final class Nemesis {
  private static final Logger LOG = LoggerFactory.getLogger(Nemesis.class);

  private final Cluster cluster;
  private final StatusMonitor monitor;
  private final HistoryRecorder history;
  private final Random random;

  Nemesis(Cluster cluster, StatusMonitor monitor, HistoryRecorder history, Random random) {
    this.cluster = cluster;
    this.monitor = monitor;
    this.history = history;
    this.random = random;
  }

  /** Injects, holds and heals {@code f}; returns the node it hit. */
  int run(FaultSpec f) throws InterruptedException {
    int t = resolve(f.target());
    String node = Cluster.name(t);
    LOG.info("cycle {}: {} {} ({}) for {} ms", f.cycle(), f.kind().cliName(), node, f.target(), f.holdMillis());
    switch (f.kind()) {
      case KILL -> {
        record(Ops.KILL, f, v -> v.put("node", node));
        cluster.kill(t);
        Thread.sleep(f.holdMillis());
        cluster.start(t);
        record(Ops.START, f, v -> v.put("node", node));
      }
      case PAUSE -> {
        record(Ops.PAUSE, f, v -> v.put("node", node));
        cluster.pause(t);
        Thread.sleep(f.holdMillis());
        cluster.resume(t);
        record(Ops.RESUME, f, v -> v.put("node", node));
      }
      case PARTITION -> {
        Set<Link> links = new HashSet<>();
        List<Integer> others = new ArrayList<>();
        for (int j = 0; j < Cluster.SIZE; j++) {
          if (j != t) {
            others.add(j);
          }
        }
        if (f.isolate()) {
          others.forEach(j -> links.add(new Link(t, j)));
        } else {
          links.add(new Link(t, others.get(random.nextInt(others.size()))));
        }
        record(Ops.PARTITION, f, v -> {
          v.put("node", node).put("isolate", f.isolate());
          ArrayNode cut = v.putArray("cut");
          links.forEach(l -> cut.addArray().add(Cluster.name(l.from())).add(Cluster.name(l.to())));
        });
        cluster.partition(links);
        Thread.sleep(f.holdMillis());
        cluster.heal();
        record(Ops.HEAL, f, v -> v.put("node", node));
      }
      case CLOCK -> {
        record(Ops.CLOCK, f, v -> v.put("node", node).put("offset_ms", f.clockOffsetSeconds() * 1000));
        cluster.clock(t).set(f.clockOffsetSeconds());
        Thread.sleep(f.holdMillis());
        cluster.clock(t).set(0);
        record(Ops.CLOCK, f, v -> v.put("node", node).put("offset_ms", 0));
      }
      case POWERCUT -> {
        // isolate: the whole cluster goes dark; otherwise the target alone, the others go on
        String cut = f.isolate() ? "all" : node;
        record(Ops.POWER_CUT, f, v -> v.put("nodes", cut));
        String account = f.isolate() ? cluster.powerCut() : cluster.powerCut(t);
        LOG.info("cycle {}: power cut of {}: {}", f.cycle(), cut, account);
        record(Ops.POWER_CUT, f, v -> v.put("nodes", cut).put("rolled_back", account));
        Thread.sleep(f.holdMillis());
        for (int i = 0; i < Cluster.SIZE; i++) {
          if (f.isolate() || i == t) {
            cluster.start(i);
            String n = Cluster.name(i);
            record(Ops.START, f, v -> v.put("node", n));
          }
        }
      }
      case DISK -> {
        DiskControl disk = cluster.disk(t).orElseThrow(() -> new IllegalStateException("no tmpfs for " + node));
        long filled = disk.fill();
        record(Ops.DISK_FULL, f, v -> v.put("node", node).put("filler_bytes", filled));
        Thread.sleep(f.holdMillis());
        disk.free();
        record(Ops.DISK_FREE, f, v -> v.put("node", node));
      }
    }
    return t;
  }

  /** Every fault off: links healed, clocks true, disks freed, paused nodes resumed, dead nodes started. */
  void healAll(String why) {
    cluster.heal();
    for (int i = 0; i < Cluster.SIZE; i++) {
      cluster.clock(i).set(0);
      cluster.disk(i).ifPresent(DiskControl::free);
      cluster.resume(i);
      if (!cluster.alive(i)) {
        cluster.start(i);
        String node = Cluster.name(i);
        history.record(Ops.NEMESIS, OpType.INFO, Ops.START, HistoryRecorder.value().put("node", node).put("why", why));
      }
    }
  }

  /** Restarts a node that did not recover by itself (recorded, and counted in the summary). */
  void restart(int i, String why) {
    String node = Cluster.name(i);
    LOG.warn("restarting {}: {}", node, why);
    history.record(Ops.NEMESIS, OpType.INFO, Ops.KILL, HistoryRecorder.value().put("node", node).put("why", why));
    cluster.kill(i);
    cluster.start(i);
    history.record(Ops.NEMESIS, OpType.INFO, Ops.START, HistoryRecorder.value().put("node", node).put("why", why));
  }

  private int resolve(FaultSpec.Target target) {
    monitor.pollOnce();
    int leader = monitor.leader();
    return switch (target) {
      case LEADER -> leader >= 0 ? leader : random.nextInt(Cluster.SIZE);
      case FOLLOWER -> {
        int pick = random.nextInt(Cluster.SIZE - 1);
        yield leader >= 0 && pick >= leader ? pick + 1 : pick;
      }
      case ANY -> random.nextInt(Cluster.SIZE);
    };
  }

  private void record(String f, FaultSpec spec, java.util.function.Consumer<ObjectNode> fill) {
    ObjectNode v = HistoryRecorder.value().put("cycle", spec.cycle()).put("target", spec.target().name().toLowerCase(
        java.util.Locale.ROOT));
    fill.accept(v);
    history.record(Ops.NEMESIS, OpType.INFO, f, v);
  }
}
