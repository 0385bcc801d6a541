package dev.raftseq.node;

import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.producer.SequencerCore;
import dev.raftseq.raft.RaftNode;
import dev.raftseq.rpc.RpcCallObserver;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The node's meters beyond the core's own ({@code CoreMetrics}): consensus, JSON-RPC, JVM and RocksDB.
 * Prometheus names (README "Metrics"): {@code consensus_*}, {@code rpc_requests_seconds},
 * {@code jvm_*}/{@code process_*}/{@code system_*}, {@code rocksdb_*}.
 */
final class NodeMetrics {
  /** RocksDB properties exported as gauges: name, property, summed over column families or not. */
  private record RocksGauge(String name, String property, boolean perColumnFamily, String description) {}

  private static final List<RocksGauge> ROCKS = List.of(
      new RocksGauge("rocksdb.memtable.bytes", "rocksdb.cur-size-all-mem-tables", true,
          "memory held by memtables (active and immutable), all column families"),
      new RocksGauge("rocksdb.pending.compaction.bytes", "rocksdb.estimate-pending-compaction-bytes", true,
          "bytes compaction still has to rewrite; a steady rise means writes outpace compaction"),
      new RocksGauge("rocksdb.block.cache.usage.bytes", "rocksdb.block-cache-usage", false,
          "memory used by the shared block cache"),
      new RocksGauge("rocksdb.live.sst.bytes", "rocksdb.live-sst-files-size", true,
          "size of the SST files of the current version"),
      new RocksGauge("rocksdb.estimated.keys", "rocksdb.estimate-num-keys", true, "estimated keys, all column families"),
      new RocksGauge("rocksdb.running.compactions", "rocksdb.num-running-compactions", false,
          "compactions running now"),
      new RocksGauge("rocksdb.immutable.memtables", "rocksdb.num-immutable-mem-table", true,
          "memtables waiting to be flushed; many means flushes fall behind"));

  private NodeMetrics() {}

  /** JVM and process meters; returns what must be closed with the node (the GC listener). */
  static AutoCloseable registerJvm(MeterRegistry r) {
    new JvmMemoryMetrics().bindTo(r);
    new JvmThreadMetrics().bindTo(r);
    new ClassLoaderMetrics().bindTo(r);
    new ProcessorMetrics().bindTo(r);
    new UptimeMetrics().bindTo(r);
    new FileDescriptorMetrics().bindTo(r);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(r);
    return gc;
  }

  static void registerRocks(MeterRegistry r, RocksChainStore store) {
    for (RocksGauge g : ROCKS) {
      Gauge.builder(g.name(), store, s -> value(s.property(g.property(), g.perColumnFamily())))
          .description(g.description()).register(r);
    }
  }

  static void registerConsensus(MeterRegistry r, Optional<RaftNode> raft, SequencerCore core) {
    Gauge.builder("sequencer.production.paused", core, c -> c.productionPaused() ? 1 : 0)
        .description("1 while the operator paused this node's block production").register(r);
    raft.ifPresent(node -> {
      Gauge.builder("consensus.term", node, n -> n.status().currentTerm()).description("the current Raft term")
          .register(r);
      Gauge.builder("consensus.commit.index", node, n -> n.status().commitIndex())
          .description("the last Raft index known committed").register(r);
      Gauge.builder("consensus.applied.index", node, n -> n.status().lastAppliedIndex())
          .description("the last Raft index applied on this node").register(r);
      Gauge.builder("consensus.is.leader", node, n -> n.status().isLeader() ? 1 : 0)
          .description("1 while this node is the leader that may produce blocks").register(r);
      Gauge.builder("consensus.members", node, n -> n.status().peers().size())
          .description("voting members of the Raft configuration in force here").register(r);
      FunctionCounter.builder("consensus.leader.changes", node, RaftNode::leaderChanges)
          .description("leader changes this node has seen since it started").register(r);
      FunctionCounter.builder("consensus.dead.leader.campaigns", node, RaftNode::deadLeaderCampaigns)
          .description("elections this node started at once because its leader's Raft port refused connections")
          .register(r);
      FunctionCounter.builder("consensus.refused.connections", node, RaftNode::refusedConnections)
          .description("Raft handshakes and calls refused: not a member, no certificate, Ratis admin").register(r);
    });
  }

  /** rpc_requests_seconds{method,outcome}: one timer per method and outcome (both bounded sets). */
  static RpcCallObserver rpcTimer(MeterRegistry r) {
    ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
    return (method, outcome, nanos) -> timers.computeIfAbsent(method + '\0' + outcome,
        k -> Timer.builder("rpc.requests").tag("method", method).tag("outcome", outcome)
            .description("JSON-RPC calls by method and outcome").register(r))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private static double value(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : Double.NaN;
  }
}
