package dev.raftseq.node;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.Durability;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.store.StoreTuning;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.node.config.NodeConfig;
import dev.raftseq.p2p.sync.CommittedTxSource;
import dev.raftseq.producer.CoreMetrics;
import dev.raftseq.producer.ExecBlockBuilding;
import dev.raftseq.producer.SequencerCore;
import dev.raftseq.rpc.CoreBackend;
import dev.raftseq.rpc.RpcServer;
import dev.raftseq.status.StatusServer;
import dev.raftseq.status.StatusServerOptions;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires an external node ({@code general.node_role=external}): no Raft, no block production, no
 * batcher and no prover API whatever their settings say. Blocks come from peers over p2p, are
 * verified by {@code BlockReplayer} and applied through the sequencer core's apply path (the code
 * Raft-applied blocks take); JSON-RPC reads this node's own database and forwards
 * eth_sendRawTransaction to {@code general.main_node_rpc_url}.
 */
final class ExternalNode {
  private static final Logger LOG = LoggerFactory.getLogger(ExternalNode.class);

  private ExternalNode() {}

  /** The ports bound (status -1 when the status server is off). */
  record Ports(int rpc, int status, int metrics, int p2p) {}

  /** Starts every part; each is handed to {@code resources} as it starts, to be closed in reverse. */
  static Ports wire(String nodeTag, NodeConfig cfg, NodeKey key, Path db, Consumer<AutoCloseable> resources)
      throws IOException {
    if (cfg.batcher().enabled() || cfg.proverApi().enabled()) {
      LOG.info("[{}] external node: the batcher and the prover API do not run here (batcher.enabled={},"
          + " prover_api.enabled={} ignored)", nodeTag, cfg.batcher().enabled(), cfg.proverApi().enabled());
    }
    if (cfg.statusServer().adminEnabled()) {
      LOG.warn("[{}] external node: the admin API (status_server.admin_*) is for main nodes and is not served here",
          nodeTag);
    }
    NodeApp.guardRaftHistory(cfg, db.resolve("raft"));
    GenesisSpec spec = NodeApp.readGenesis(cfg);
    // without syncing each write: a block lost in a power cut is fetched again from peers, and RocksDB
    // recovers to a consistent prefix of its batches
    RocksChainStore store = RocksChainStore.open(db.resolve("chain"), spec.chainId(), StoreTuning.DEFAULT,
        Durability.SYNC_ON_REQUEST);
    resources.accept(store);
    Hash genesisHash = NodeApp.initGenesis(nodeTag, store, spec);

    MetricsServer metrics = new MetricsServer();
    resources.accept(metrics);
    resources.accept(NodeMetrics.registerJvm(metrics.registry()));
    ReplicaSequencing sequencing = new ReplicaSequencing();
    resources.accept(sequencing);
    ExecutorService events = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "core-events-" + nodeTag);
      t.setDaemon(true);
      return t;
    });
    resources.accept(events::shutdown);
    // replay checks each block's seal against the allowed keys before it reaches the core
    SequencerCore core = new SequencerCore(nodeTag, NodeApp.coreConfig(cfg, key, spec), store, sequencing,
        new ExecBlockBuilding(new BlockBuilder(store), key), P2pWiring.allowedSigners(cfg, key),
        new CoreMetrics(metrics.registry()), events);
    resources.accept(core);
    NodeMetrics.registerConsensus(metrics.registry(), Optional.empty(), core);
    NodeMetrics.registerRocks(metrics.registry(), store);
    core.startWithoutProduction();

    Vertx vertx = Vertx.vertx();
    resources.accept(() -> vertx.close().toCompletionStage().toCompletableFuture().join());
    P2pWiring p2p = P2pWiring.start(nodeTag, cfg, key, vertx, store, core, true, CommittedTxSource.NONE);
    resources.accept(p2p);
    p2p.registerMetrics(metrics.registry());

    // a main node answers within its send_raw_transaction_timeout; all attempts end before our request timeout
    java.time.Duration perAttempt = cfg.rpc().sendRawTransactionTimeout().plusSeconds(1);
    java.time.Duration budget = cfg.rpc().requestTimeout().minusMillis(500);
    TxForwarder forwarder = new TxForwarder(nodeTag, cfg.general().mainNodeRpcUrls(), perAttempt,
        budget.isNegative() || budget.isZero() ? cfg.rpc().requestTimeout() : budget, metrics.registry());
    ExternalBackend backend = new ExternalBackend(new CoreBackend(core, NodeApp.CLIENT_VERSION, p2p::peerCount),
        forwarder, p2p::progress);
    RpcServer rpc = new RpcServer(vertx, NodeApp.rpcServerConfig(cfg), backend,
        NodeMetrics.rpcTimer(metrics.registry()));
    resources.accept(rpc);
    int rpcPort = rpc.start();

    NodeStatusSource statusSource = NodeStatusSource.external(store);
    statusSource.syncFrom(p2p::progress);
    int statusPort = -1;
    if (cfg.statusServer().enabled()) {
      StatusServer status = new StatusServer(vertx, new StatusServerOptions(cfg.statusServer().address().host(),
          cfg.statusServer().address().port()), statusSource);
      resources.accept(status);
      statusPort = status.start();
    }
    int metricsPort = metrics.start(cfg.observability().prometheusAddress(), cfg.observability().prometheusPort());
    statusSource.markStarted();
    LOG.info("[{}] started external node {}: chain {} genesis {} head {} {}; forwarding transactions to {};"
        + " rpc :{} status :{} metrics :{} p2p :{}", nodeTag, key.nodeIdHex(), spec.chainId(), genesisHash,
        store.head().number(), store.head().hash(), cfg.general().mainNodeRpcUrls(), rpcPort, statusPort,
        metricsPort, p2p.port());
    return new Ports(rpcPort, statusPort, metricsPort, p2p.port());
  }
}
