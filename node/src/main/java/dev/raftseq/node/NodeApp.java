package dev.raftseq.node;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.exec.BlockImporter;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.node.config.ConsensusConfig;
import dev.raftseq.node.config.Enode;
import dev.raftseq.node.config.NodeConfig;
import dev.raftseq.node.config.NodeRole;
import dev.raftseq.producer.BlockSink;
import dev.raftseq.producer.ExecBlockBuilding;
import dev.raftseq.producer.LeadershipGate;
import dev.raftseq.producer.ProducerConfig;
import dev.raftseq.producer.ProductionLoop;
import dev.raftseq.producer.ProductionService;
import dev.raftseq.producer.SubmitOutcome;
import dev.raftseq.producer.mempool.Mempool;
import dev.raftseq.producer.mempool.MempoolConfig;
import dev.raftseq.producer.mempool.SynchronizedMempool;
import dev.raftseq.producer.mempool.TxPool;
import dev.raftseq.producer.mempool.TxPoolListener;
import dev.raftseq.raft.ProposeOutcome;
import dev.raftseq.raft.RaftNode;
import dev.raftseq.raft.RaftNodeConfig;
import dev.raftseq.rpc.RpcServer;
import dev.raftseq.rpc.RpcServerConfig;
import dev.raftseq.status.StatusServer;
import dev.raftseq.status.StatusServerOptions;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node process, wired by role: a single sequencer (consensus off) or a consensus node (Ratis
 * on). Components start in dependency order and close in reverse.
 */
public final class NodeApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeApp.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final String nodeTag;
  private int rpcPort = -1;
  private int statusPort = -1;
  private int metricsPort = -1;

  private NodeApp(String nodeTag) {
    this.nodeTag = nodeTag;
  }

  public int rpcPort() {
    return rpcPort;
  }

  public int statusPort() {
    return statusPort;
  }

  public int metricsPort() {
    return metricsPort;
  }

  /**
   * Starts the node.
   *
   * @param onFatal called (from any thread) when the node must stop to avoid diverging, e.g. a
   *     block whose execution disagrees with the majority's
   */
  public static NodeApp start(NodeConfig cfg, Consumer<Throwable> onFatal) {
    if (cfg.general().nodeRole() == NodeRole.EXTERNAL) {
      throw new StartupException("general.node_role=external (GENERAL_NODE_ROLE) needs block sync over p2p,"
          + " which this version does not have yet; run a consensus or single node instead");
    }
    Path db = cfg.general().rocksDbPath().toAbsolutePath();
    NodeKey key = cfg.network().nodeKey().orElseGet(() -> NodeKeyFile.loadOrCreate(db.resolve("node.key")));
    String tag = key.nodeIdHex().substring(0, 10);
    NodeApp app = new NodeApp(tag);
    try {
      app.wire(cfg, key, db, onFatal);
      return app;
    } catch (RuntimeException | IOException e) {
      app.close();
      if (e instanceof StartupException se) {
        throw se;
      }
      throw new StartupException("node failed to start: " + e, e);
    }
  }

  private void wire(NodeConfig cfg, NodeKey key, Path db, Consumer<Throwable> onFatal) throws IOException {
    boolean consensus = cfg.consensus().enabled();
    Path raftDir = db.resolve("raft");
    guardRaftHistory(cfg, raftDir);

    GenesisSpec spec = readGenesis(cfg);
    RocksChainStore store = RocksChainStore.open(db.resolve("chain"), spec.chainId());
    resources.push(store);
    initGenesis(store, spec);

    Set<Address> signers = new HashSet<>();
    if (consensus) {
      for (String id : cfg.consensus().peerIds()) {
        signers.add(Secp256k1.addressOf(Hex.decode(id)));
      }
    } else {
      signers.add(key.address());
    }
    ChainService chain = new ChainService(nodeTag, store, new BlockImporter(store, spec.chainId(), signers::contains));

    MempoolConfig poolDefaults = MempoolConfig.defaults(spec.chainId(), spec.gasLimit());
    MempoolConfig poolConfig = new MempoolConfig(spec.chainId(), spec.gasLimit(), cfg.mempool().maxTransactions(),
        cfg.mempool().maxPerSender(), poolDefaults.maxQueuedPerSender(), cfg.mempool().lifetime(),
        poolDefaults.minTip(), poolDefaults.minFeeCap(), poolDefaults.priceBumpPercent());
    TxPool pool = new SynchronizedMempool(new Mempool(poolConfig, InstantSource.system(), (tx, why) -> {
      // included ones leave the persisted pool with their block; the rest can never be included
      if (why != TxPoolListener.Removal.INCLUDED) {
        store.removeFromPool(List.of(tx.hash()));
      }
    }));

    // The production service is created before anything can wake it.
    ProductionService[] production = new ProductionService[1];
    Runnable wake = () -> {
      if (production[0] != null) {
        production[0].wakeUp();
      }
    };
    PoolFeeder feeder = new PoolFeeder(nodeTag, chain, pool, wake);
    int restored = feeder.admit(store.pooledTransactions());
    if (restored > 0) {
      LOG.info("[{}] restored {} replicated transactions into the pool", nodeTag, restored);
    }

    Optional<RaftNode> raft = Optional.empty();
    LeadershipGate gate;
    BlockSink sink;
    TxAdmission admission;
    if (consensus) {
      RaftNode node = new RaftNode(raftConfig(cfg, key, spec.chainId(), raftDir),
          new ChainEntryApplier(nodeTag, chain, feeder), Optional.empty());
      resources.push(node);
      raft = Optional.of(node);
      gate = () -> node.leadership().producingTerm();
      sink = (block, built) -> propose(node, chain, block, built);
      admission = raw -> node.submitTransaction(raw);
      node.halted().thenAccept(t -> {
        LOG.error("[{}] consensus halted this node to avoid diverging: {}", nodeTag, String.valueOf(t));
        onFatal.accept(t);
      });
    } else {
      // A single sequencer is always the leader of term 0.
      gate = () -> OptionalLong.of(0);
      sink = (block, built) -> {
        chain.rememberBuilt(block, built);
        return CompletableFuture.completedFuture(toSubmit(chain.apply(block, null)));
      };
      admission = TxAdmission.local();
    }

    ProducerConfig producerConfig = new ProducerConfig(cfg.sequencer().blockTime(),
        cfg.sequencer().maxTransactionsInBlock(), cfg.sequencer().produceEmptyBlocks(),
        key.address(), spec.chainId());
    ProductionLoop loop = new ProductionLoop(nodeTag, producerConfig, chain::head, gate, pool,
        new ExecBlockBuilding(new BlockBuilder(store), key), sink);
    production[0] = new ProductionService(nodeTag, loop, InstantSource.system());
    resources.push(production[0]);

    Vertx vertx = Vertx.vertx();
    resources.push(() -> vertx.close().toCompletionStage().toCompletableFuture().join());
    int peers = consensus ? cfg.consensus().peerIds().size() - 1 : 0;
    NodeEthBackend backend = new NodeEthBackend(nodeTag, chain, pool, admission,
        cfg.rpc().sendRawTransactionTimeout(), wake, () -> peers);
    chain.onApplied(block -> {
      pool.onBlockApplied(block, store.headState());
      backend.onBlockApplied(block);
      wake.run();
    });

    MetricsServer metrics = new MetricsServer();
    resources.push(metrics);
    registerMetrics(metrics, store, pool, raft);

    NodeStatusSource statusSource = new NodeStatusSource(chain, raft, cfg.batcher().enabled());
    if (raft.isPresent()) {
      raft.get().start();
      raft.get().leadership().addListener(term -> {
        LOG.info("[{}] producing term now {}", nodeTag, term);
        wake.run();
      });
    }
    production[0].start();

    var rpcCfg = cfg.rpc();
    RpcServer rpc = new RpcServer(vertx, new RpcServerConfig(rpcCfg.address().host(), rpcCfg.address().port(),
        (int) rpcCfg.maxRequestSize(), rpcCfg.maxBatchSize(), rpcCfg.maxConnections(), rpcCfg.corsOrigins(),
        (int) Math.min(Integer.MAX_VALUE, rpcCfg.maxLogsBlockRange()), (int) rpcCfg.maxResponseSize(),
        rpcCfg.requestTimeout(), rpcCfg.idleTimeout(), rpcCfg.maxBufferedRequestSize(), rpcCfg.maxLogsResults(),
        rpcCfg.rateLimitPerClient(), rpcCfg.rateLimitBurst()), backend);
    resources.push(rpc);
    rpcPort = rpc.start();
    if (cfg.statusServer().enabled()) {
      StatusServer status = new StatusServer(vertx, new StatusServerOptions(cfg.statusServer().address().host(),
          cfg.statusServer().address().port()), statusSource);
      resources.push(status);
      statusPort = status.start();
    }
    metricsPort = metrics.start("0.0.0.0", cfg.observability().prometheusPort());
    statusSource.markStarted();
    LOG.info("[{}] started {} node {}: chain {} head {} {}; rpc :{} status :{} metrics :{}", nodeTag,
        consensus ? "consensus" : "single", key.nodeIdHex(), spec.chainId(), store.head().number(),
        store.head().hash(), rpcPort, statusPort, metricsPort);
  }

  private CompletableFuture<SubmitOutcome> propose(RaftNode node, ChainService chain, Block block,
      dev.raftseq.chain.exec.BuiltBlock built) {
    chain.rememberBuilt(block, built);
    return node.proposeBlock(BlockCodec.encodeBlock(block)).handle((o, err) -> {
      if (err != null) {
        chain.forgetBuilt(block);
        return SubmitOutcome.failed(String.valueOf(err));
      }
      if (o.kind() != ProposeOutcome.Kind.APPLIED) {
        chain.forgetBuilt(block);
      }
      return switch (o.kind()) {
        case APPLIED -> SubmitOutcome.APPLIED;
        case REJECTED_STALE -> SubmitOutcome.rejectedStale(o.detail());
        default -> SubmitOutcome.failed(o.kind() + ": " + o.detail());
      };
    });
  }

  private static SubmitOutcome toSubmit(ApplyOutcome o) {
    return switch (o.kind()) {
      case APPLIED -> SubmitOutcome.APPLIED;
      case REJECTED_STALE -> SubmitOutcome.rejectedStale(o.reason());
      case INVALID -> SubmitOutcome.failed(o.reason());
    };
  }

  private static RaftNodeConfig raftConfig(NodeConfig cfg, NodeKey key, long chainId, Path raftDir) {
    ConsensusConfig c = cfg.consensus();
    List<RaftNodeConfig.Peer> peers = c.peerIds().stream().map(id -> {
      Enode e = cfg.network().bootNode(id).orElseThrow(() -> new StartupException(
          "consensus.peer_ids: peer " + id + " has no address in network.boot_nodes (NETWORK_BOOT_NODES)"));
      return new RaftNodeConfig.Peer(id, e.host(), e.port() + c.raftPortOffset());
    }).toList();
    RaftNodeConfig base = RaftNodeConfig.of(key.nodeIdHex(), chainId, peers, raftDir, c.bootstrap());
    var t = base.timeouts();
    var timeouts = t.withElection(c.electionTimeoutMin(), c.electionTimeoutMax(),
        c.electionTimeoutMin().dividedBy(2), c.electionTimeoutMax().dividedBy(2));
    return new RaftNodeConfig(base.localNodeId(), chainId, peers, raftDir, c.bootstrap(), cfg.network().address(),
        timeouts, base.retention(), base.batching(), base.limits());
  }

  /** zksync-os-server's guard: Raft history must not be silently ignored when consensus is off. */
  private static void guardRaftHistory(NodeConfig cfg, Path raftDir) throws IOException {
    if (cfg.consensus().enabled() || !Files.exists(raftDir)) {
      return;
    }
    if (!cfg.consensus().forceClearRaftHistory()) {
      throw new StartupException("consensus is disabled but " + raftDir + " holds Raft history; set"
          + " CONSENSUS_ENABLED=true, or CONSENSUS_FORCE_CLEAR_RAFT_HISTORY=true to delete it");
    }
    try (var paths = Files.walk(raftDir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static GenesisSpec readGenesis(NodeConfig cfg) {
    Path path = cfg.general().genesisPath();
    try {
      GenesisSpec spec = GenesisSpec.read(path);
      if (spec.gasLimit() != cfg.sequencer().blockGasLimit()) {
        // the block gas limit is part of the chain's genesis and fixed: every block keeps it
        spec = new GenesisSpec(spec.chainId(), spec.timestamp(), cfg.sequencer().blockGasLimit(),
            spec.baseFeePerGas(), spec.coinbase(), spec.extraData(), spec.alloc(), spec.devAccounts(),
            spec.devAccountBalance());
      }
      return spec;
    } catch (IOException e) {
      throw new StartupException("general.genesis_path (GENERAL_GENESIS_PATH): cannot read " + path.toAbsolutePath()
          + ": " + e.getMessage(), e);
    }
  }

  private void initGenesis(RocksChainStore store, GenesisSpec spec) {
    GenesisResult g = Genesis.build(spec, store);
    if (store.isEmpty()) {
      store.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
      LOG.info("[{}] initialized chain {} with genesis {}", nodeTag, spec.chainId(), g.block().hash());
      return;
    }
    Block stored = store.blockByNumber(0).orElseThrow();
    if (!stored.hash().equals(g.block().hash())) {
      throw new StartupException("the database was created with another genesis (" + stored.hash() + ") than "
          + "general.genesis_path and sequencer.block_gas_limit give (" + g.block().hash() + ")");
    }
  }

  private static void registerMetrics(MetricsServer m, RocksChainStore store, TxPool pool, Optional<RaftNode> raft) {
    var r = m.registry();
    Gauge.builder("chain_head_number", store, s -> s.head().number()).register(r);
    Gauge.builder("mempool_transactions", pool, TxPool::size).register(r);
    Gauge.builder("mempool_pending_transactions", pool, TxPool::pendingCount).register(r);
    raft.ifPresent(node -> {
      Gauge.builder("raft_term", node, n -> n.status().currentTerm()).register(r);
      Gauge.builder("raft_commit_index", node, n -> n.status().commitIndex()).register(r);
      Gauge.builder("raft_last_applied_index", node, n -> n.status().lastAppliedIndex()).register(r);
      Gauge.builder("raft_is_leader", node, n -> n.status().isLeader() ? 1 : 0).register(r);
    });
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      AutoCloseable c = resources.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("[{}] closing {} failed: {}", nodeTag, c, e.toString());
      }
    }
  }
}
