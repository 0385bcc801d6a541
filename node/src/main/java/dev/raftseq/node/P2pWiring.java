package dev.raftseq.node;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.store.ChainStore;
import dev.raftseq.node.config.NodeConfig;
import dev.raftseq.p2p.Enode;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.P2pConfig;
import dev.raftseq.p2p.P2pNetwork;
import dev.raftseq.p2p.sync.CommittedTxSource;
import dev.raftseq.p2p.sync.ZksLimits;
import dev.raftseq.p2p.sync.ZksProtocol;
import dev.raftseq.producer.SequencerCore;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.replay.AllowedSigners;
import dev.raftseq.replay.ApplyResult;
import dev.raftseq.replay.BlockReplayer;
import dev.raftseq.replay.ReplayConfig;
import dev.raftseq.replay.SyncProgress;
import dev.raftseq.replay.VerifiedBlockSink;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's p2p side on {@code NETWORK_ADDRESS:NETWORK_PORT}: RLPx with the {@code zks/1}
 * capability serving blocks from the store, and a {@link BlockReplayer} whose verified blocks go
 * through the sequencer core's apply path. A main node announces every block it applies (its own
 * or Raft's) and replays only when asked; an external node follows its peers. Closes in the order
 * the parts depend on each other: network, replay, serving threads.
 */
final class P2pWiring implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(P2pWiring.class);
  private static final long START_TIMEOUT_SECONDS = 30;

  private final String nodeTag;
  private final P2pNetwork net;
  private final ZksProtocol zks;
  private final BlockReplayer replay;
  private final ExecutorService serving;
  private final AutoCloseable headSubscription;
  private final int port;

  private P2pWiring(String nodeTag, P2pNetwork net, ZksProtocol zks, BlockReplayer replay, ExecutorService serving,
      AutoCloseable headSubscription, int port) {
    this.nodeTag = nodeTag;
    this.net = net;
    this.zks = zks;
    this.replay = replay;
    this.serving = serving;
    this.headSubscription = headSubscription;
    this.port = port;
  }

  /**
   * Starts p2p for a node running {@code core}: listens, dials the boot nodes, serves blocks and,
   * with {@code follow} (external nodes), replays every block its peers have.
   */
  static P2pWiring start(String nodeTag, NodeConfig cfg, NodeKey key, Vertx vertx, ChainStore store,
      SequencerCore core, boolean follow, CommittedTxSource committed) {
    NodeId self = NodeId.of(key);
    List<Enode> boot = bootNodes(cfg);
    AllowedSigners signers = allowedSigners(cfg, key);
    if (follow && signers.addresses().isEmpty()) {
      throw new StartupException("network.boot_nodes (NETWORK_BOOT_NODES): an external node needs at least one"
          + " boot node other than itself; their ids are the sequencer keys whose blocks it accepts");
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService serving = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "p2p-serve-" + nodeTag + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ZksProtocol zks = new ZksProtocol(self, store, serving, committed, ZksLimits.DEFAULT);
    BlockReplayer replay = new BlockReplayer(self, store, store, signers, new CoreSink(core), zks,
        ReplayConfig.defaults());
    P2pConfig p2pCfg = P2pConfig.defaults(cfg.network().address(), cfg.network().port(), boot)
        .withMaxPeers(cfg.network().maxPeers());
    P2pNetwork net = new P2pNetwork(vertx, p2pCfg, key, List.of(zks));
    // a replica's own blocks are announced by replay as it applies them; a main node's here
    AutoCloseable heads = follow ? () -> { } : core.subscribeNewHeads(zks::announce);
    replay.start(follow);
    int bound;
    try {
      bound = net.start().toCompletableFuture().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      closeQuietly(heads);
      replay.close();
      serving.shutdownNow();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new StartupException("network.port (NETWORK_PORT): " + cause.getMessage(), cause);
    }
    LOG.info("[{}] p2p on {}:{}: {} boot nodes, blocks accepted from {} sequencer keys{}", nodeTag,
        cfg.network().address(), bound, boot.size(), signers.addresses().size(), follow ? ", following" : "");
    return new P2pWiring(nodeTag, net, zks, replay, serving, heads, bound);
  }

  /**
   * The sequencer keys whose blocks this node accepts from peers: the consensus peer ids when
   * configured (an external node may name the cluster's members there, so that other replicas in its
   * boot list are sources but never signers), otherwise the boot nodes' ids; never this node's own.
   */
  static AllowedSigners allowedSigners(NodeConfig cfg, NodeKey key) {
    List<NodeId> consensusIds = cfg.consensus().peerIds().stream().map(NodeId::fromHex).toList();
    return AllowedSigners.of(consensusIds, bootNodes(cfg), NodeId.of(key));
  }

  private static List<Enode> bootNodes(NodeConfig cfg) {
    return cfg.network().bootNodes().stream().map(dev.raftseq.node.config.Enode::toP2p).toList();
  }

  /** Block sync gauges: own head is sequencer_head_block_number already. */
  void registerMetrics(io.micrometer.core.instrument.MeterRegistry r) {
    io.micrometer.core.instrument.Gauge.builder("p2p.peers", this, w -> w.progress().peers())
        .description("peers that completed the zks Status exchange").register(r);
    io.micrometer.core.instrument.Gauge.builder("p2p.sync.highest.seen", this, w -> w.progress().highestSeen())
        .description("the highest head a peer announced").register(r);
    io.micrometer.core.instrument.Gauge.builder("replay.lag.blocks", this,
            w -> Math.max(0, w.progress().highestSeen() - w.progress().ownHead()))
        .description("blocks this node is behind the highest head a peer announced").register(r);
    io.micrometer.core.instrument.FunctionCounter.builder("p2p.replay.blocks", this, w -> w.progress().applied())
        .tag("outcome", "applied").description("blocks replayed from peers").register(r);
    io.micrometer.core.instrument.FunctionCounter.builder("p2p.replay.blocks", this, w -> w.progress().rejected())
        .tag("outcome", "rejected").register(r);
  }

  int port() {
    return port;
  }

  SyncProgress progress() {
    return replay.progress();
  }

  int peerCount() {
    return zks.peerHeads().size();
  }

  BlockReplayer replayer() {
    return replay;
  }

  @Override
  public void close() {
    closeQuietly(headSubscription);
    try {
      net.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("[{}] p2p did not stop cleanly: {}", nodeTag, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    replay.close();
    serving.shutdownNow();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing {} failed", c, e);
    }
  }

  /** Replay's verified blocks through the core's apply path: the code Raft-applied blocks take. */
  private record CoreSink(SequencerCore core) implements VerifiedBlockSink {
    @Override
    public ApplyResult apply(dev.raftseq.chain.store.BlockCommit verified) {
      EntryResult r = core.applyVerified(verified);
      if (r instanceof EntryResult.BlockApplied applied) {
        return ApplyResult.applied(applied.number());
      }
      return new ApplyResult.Stale(r.toString());
    }
  }
}
