package dev.raftseq.node;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.Durability;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.store.StoreTuning;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.node.config.ConsensusConfig;
import dev.raftseq.node.config.Enode;
import dev.raftseq.node.config.NodeConfig;
import dev.raftseq.node.config.NodeRole;
import dev.raftseq.p2p.sync.CommittedTxSource;
import dev.raftseq.producer.CoreMetrics;
import dev.raftseq.producer.ExecBlockBuilding;
import dev.raftseq.producer.ProducerConfig;
import dev.raftseq.producer.SequencerCore;
import dev.raftseq.producer.consensus.LocalSequencing;
import dev.raftseq.producer.consensus.Sequencing;
import dev.raftseq.producer.mempool.MempoolConfig;
import dev.raftseq.raft.RaftNode;
import dev.raftseq.raft.RaftNodeConfig;
import dev.raftseq.rpc.CoreBackend;
import dev.raftseq.rpc.RpcServer;
import dev.raftseq.rpc.RpcServerConfig;
import dev.raftseq.status.StatusServer;
import dev.raftseq.status.StatusServerOptions;
import dev.raftseq.status.admin.AdminServer;
import dev.raftseq.status.admin.BearerToken;
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
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node process, wired by role: a single sequencer (consensus off), a consensus node (Ratis
 * on) or an external node ({@link ExternalNode}). Components start in dependency order and close in
 * reverse.
 */
public final class NodeApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeApp.class);
  static final String CLIENT_VERSION = "raftseq/v0.1.0/java" + Runtime.version().feature();

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final String nodeTag;
  private int rpcPort = -1;
  private int statusPort = -1;
  private int metricsPort = -1;
  private int adminPort = -1;

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

  public int adminPort() {
    return adminPort;
  }

  /**
   * Starts the node.
   *
   * @param onFatal called (from any thread) when the node must stop to avoid diverging, e.g. a
   *     block whose execution disagrees with the majority's
   */
  public static NodeApp start(NodeConfig cfg, Consumer<Throwable> onFatal) {
    return start(cfg, onFatal, NodeLogFields.NONE);
  }

  /** As {@link #start(NodeConfig, Consumer)}, keeping {@code logFields} (node id and role) up to date. */
  static NodeApp start(NodeConfig cfg, Consumer<Throwable> onFatal, NodeLogFields logFields) {
    Path db = cfg.general().rocksDbPath().toAbsolutePath();
    NodeKey key = cfg.network().nodeKey().orElseGet(() -> NodeKeyFile.loadOrCreate(db.resolve("node.key")));
    String tag = key.nodeIdHex().substring(0, 10);
    logFields.node(tag);
    NodeApp app = new NodeApp(tag);
    try {
      if (cfg.general().nodeRole() == NodeRole.EXTERNAL) {
        app.wireExternal(cfg, key, db, logFields);
      } else {
        app.wire(cfg, key, db, onFatal, logFields);
      }
      return app;
    } catch (RuntimeException | IOException e) {
      // logged before closing: a close that trips a fatal halt would otherwise hide the cause
      LOG.error("[{}] start failed, closing what started: {}", tag, e.toString(), e);
      app.close();
      if (e instanceof StartupException se) {
        throw se;
      }
      throw new StartupException("node failed to start: " + e, e);
    } catch (Error e) {
      // e.g. a class missing from the jar: without this, Ratis would keep running (and keep its
      // leadership) in a process with no RPC or status
      app.close();
      throw e;
    }
  }

  private void wire(NodeConfig cfg, NodeKey key, Path db, Consumer<Throwable> onFatal, NodeLogFields logFields)
      throws IOException {
    boolean consensus = cfg.consensus().enabled();
    Path raftDir = db.resolve("raft");
    guardRaftHistory(cfg, raftDir);

    GenesisSpec spec = readGenesis(cfg);
    // On a consensus node the Raft log is the write-ahead log: the database syncs before each snapshot marker.
    RocksChainStore store = RocksChainStore.open(db.resolve("chain"), spec.chainId(), StoreTuning.DEFAULT,
        consensus ? Durability.SYNC_ON_REQUEST : Durability.SYNC_EACH_WRITE);
    resources.push(store);
    Hash genesisHash = initGenesis(nodeTag, store, spec);

    // the sealers until the Raft log names the members; from then on the log's configuration at each entry
    Set<Address> sealers = new HashSet<>();
    if (consensus) {
      for (String id : cfg.consensus().peerIds()) {
        sealers.add(Secp256k1.addressOf(Hex.decode(id)));
      }
    } else {
      sealers.add(key.address());
    }

    MetricsServer metrics = new MetricsServer();
    resources.push(metrics);
    resources.push(NodeMetrics.registerJvm(metrics.registry()));
    // a follower left behind the leader's retained log takes over a peer's position over p2p
    Optional<PurgedLogCatchUp> catchUp = consensus && cfg.network().enabled()
        ? Optional.of(new PurgedLogCatchUp(nodeTag)) : Optional.empty();
    catchUp.ifPresent(resources::push);
    // created before consensus so that it is shut down after it (resources close last-in first-out):
    // Raft may apply entries until its server has stopped, and each applied block posts here
    ExecutorService events = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "core-events-" + nodeTag);
      t.setDaemon(true);
      return t;
    });
    resources.push(events::shutdown);
    Sequencing sequencing = consensus
        ? new RaftNode(raftConfig(cfg, key, spec.chainId(), genesisHash, raftDir), catchUp.map(c -> c))
        : new LocalSequencing(nodeTag);
    resources.push(sequencing);
    SequencerCore core = new SequencerCore(nodeTag, coreConfig(cfg, key, spec), store, sequencing,
        new ExecBlockBuilding(new BlockBuilder(store), key), sealers::contains, new CoreMetrics(metrics.registry()),
        events);
    resources.push(core);
    sequencing.halted().thenAccept(t -> {
      LOG.error("[{}] this node halted to avoid diverging", nodeTag, t);
      onFatal.accept(t);
    });
    Optional<RaftNode> raft = sequencing instanceof RaftNode r ? Optional.of(r) : Optional.empty();
    NodeMetrics.registerConsensus(metrics.registry(), raft, core);
    NodeMetrics.registerRocks(metrics.registry(), store);
    RoleTracker roles = new RoleTracker(logFields, raft, core, events);
    sequencing.onProducingTermChange(roles::changed);
    raft.ifPresent(r -> r.onLeaderChange(leader -> roles.changed()));

    core.start(InstantSource.system());
    roles.changed();

    Vertx vertx = Vertx.vertx();
    resources.push(() -> vertx.close().toCompletionStage().toCompletableFuture().join());
    RpcServer rpc = new RpcServer(vertx, rpcServerConfig(cfg),
        new CoreBackend(core, CLIENT_VERSION, () -> raft.map(r -> Math.max(0, r.status().peers().size() - 1)).orElse(0)),
        NodeMetrics.rpcTimer(metrics.registry()));
    resources.push(rpc);
    rpcPort = rpc.start();
    Optional<BatcherWiring> batcher = BatcherWiring.start(cfg, key, db, store, raft, vertx, metrics.registry(), nodeTag);
    batcher.ifPresent(resources::push);
    NodeStatusSource statusSource = new NodeStatusSource(store, raft,
        () -> batcher.map(BatcherWiring::status).orElseGet(BatcherWiring::disabledStatus));
    if (cfg.network().enabled()) { // serves blocks, announces each applied one, replays when asked
      P2pWiring p2p = P2pWiring.start(nodeTag, cfg, key, vertx, store, core, false,
          consensus ? new CommittedSetSource(core) : CommittedTxSource.NONE);
      resources.push(p2p);
      catchUp.ifPresent(c -> c.bind(core, p2p.replayer()));
      statusSource.syncFrom(p2p::progress);
      p2p.registerMetrics(metrics.registry());
    }
    if (cfg.statusServer().enabled()) {
      StatusServer status = new StatusServer(vertx, new StatusServerOptions(cfg.statusServer().address().host(),
          cfg.statusServer().address().port()), statusSource);
      resources.push(status);
      statusPort = status.start();
    }
    if (cfg.statusServer().adminEnabled()) {
      NodeAdmin operations = new NodeAdmin(nodeTag, core, raft, cfg.consensus().raftPortOffset(),
          cfg.consensus().stopHandoffTimeout(), roles::changed);
      AdminServer admin = new AdminServer(vertx, cfg.statusServer().adminAddress().host(),
          cfg.statusServer().adminAddress().port(), new BearerToken(cfg.statusServer().adminToken().orElseThrow()),
          operations);
      resources.push(admin);
      adminPort = admin.start();
    }
    metricsPort = metrics.start(cfg.observability().prometheusAddress(), cfg.observability().prometheusPort());
    statusSource.markStarted();
    // closed first: a leader hands leadership over while everything else still runs
    raft.ifPresent(r -> resources.push(new GracefulStop(nodeTag, core, r, cfg.consensus().stopHandoffTimeout(),
        cfg.sequencer().blockTime())));
    LOG.info("[{}] started {} node {}: chain {} genesis {} head {} {}; rpc :{} status :{} admin :{} metrics :{}",
        nodeTag, consensus ? "consensus" : "single", key.nodeIdHex(), spec.chainId(), genesisHash,
        store.head().number(), store.head().hash(), rpcPort, statusPort, adminPort, metricsPort);
  }

  /** An external node: no Raft, no production, no batcher; replays blocks and forwards transactions. */
  private void wireExternal(NodeConfig cfg, NodeKey key, Path db, NodeLogFields logFields) throws IOException {
    ExternalNode.Ports ports = ExternalNode.wire(nodeTag, cfg, key, db, resources::push);
    logFields.role("external");
    rpcPort = ports.rpc();
    statusPort = ports.status();
    metricsPort = ports.metrics();
  }

  static RpcServerConfig rpcServerConfig(NodeConfig cfg) {
    var rpcCfg = cfg.rpc();
    return new RpcServerConfig(rpcCfg.address().host(), rpcCfg.address().port(),
        (int) rpcCfg.maxRequestSize(), rpcCfg.maxBatchSize(), rpcCfg.maxConnections(), rpcCfg.corsOrigins(),
        (int) Math.min(Integer.MAX_VALUE, rpcCfg.maxLogsBlockRange()), (int) rpcCfg.maxResponseSize(),
        rpcCfg.requestTimeout(), rpcCfg.idleTimeout(), rpcCfg.maxBufferedRequestSize(), rpcCfg.maxLogsResults(),
        rpcCfg.rateLimitPerClient(), rpcCfg.rateLimitBurst());
  }

  static SequencerCore.Config coreConfig(NodeConfig cfg, NodeKey key, GenesisSpec spec) {
    ProducerConfig producer = new ProducerConfig(cfg.sequencer().blockTime(),
        cfg.sequencer().maxTransactionsInBlock(), cfg.sequencer().produceEmptyBlocks(), key.address(), spec.chainId());
    MempoolConfig defaults = MempoolConfig.defaults(spec.chainId(), spec.gasLimit());
    MempoolConfig pool = defaults.withLimits(cfg.mempool().maxTransactions(), cfg.mempool().maxPerSender(),
        defaults.maxQueuedPerSender());
    return SequencerCore.Config.defaults(producer, pool).withAckTimeout(cfg.rpc().sendRawTransactionTimeout());
  }

  private static RaftNodeConfig raftConfig(NodeConfig cfg, NodeKey key, long chainId, Hash genesisHash, Path raftDir) {
    ConsensusConfig c = cfg.consensus();
    List<RaftNodeConfig.Peer> peers = c.peerIds().stream().map(id -> {
      Enode e = cfg.network().bootNode(id).orElseThrow(() -> new StartupException(
          "consensus.peer_ids: peer " + id + " has no address in network.boot_nodes (NETWORK_BOOT_NODES)"));
      return new RaftNodeConfig.Peer(id, e.host(), e.port() + c.raftPortOffset());
    }).toList();
    RaftNodeConfig base = RaftNodeConfig.of(key.nodeIdHex(), chainId, genesisHash, peers, raftDir, c.bootstrap());
    var t = base.timeouts();
    var timeouts = t.withElection(c.electionTimeoutMin(), c.electionTimeoutMax(),
        c.electionTimeoutMin().dividedBy(2), c.electionTimeoutMax().dividedBy(2))
        .withDeadLeaderProbe(c.deadLeaderProbe());
    ConsensusConfig.LogRetention lr = c.logRetention();
    RaftNodeConfig.Retention d = RaftNodeConfig.Retention.DEFAULT;
    var retention = new RaftNodeConfig.Retention(lr.snapshotIntervalEntries(),
        (int) Math.min(d.purgeGap(), lr.snapshotIntervalEntries()), lr.preservedEntries(), lr.segmentSizeBytes(),
        d.snapshotMarkersRetained(), lr.keepForLaggingFollowers());
    // consensus traffic is mutual TLS between members, each TLS key endorsed by the node key
    return base.withBindHost(cfg.network().address()).withTimeouts(timeouts).withRetention(retention).withTls(key);
  }

  /** zksync-os-server's guard: Raft history must not be silently ignored when consensus is off. */
  static void guardRaftHistory(NodeConfig cfg, Path raftDir) throws IOException {
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

  static GenesisSpec readGenesis(NodeConfig cfg) {
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

  /** Writes block 0 into an empty database, or checks the database was made with this genesis; returns its hash. */
  static Hash initGenesis(String nodeTag, RocksChainStore store, GenesisSpec spec) {
    GenesisResult g = Genesis.build(spec, store);
    if (store.isEmpty()) {
      store.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
      store.syncWal();
      LOG.info("[{}] initialized chain {} with genesis {}", nodeTag, spec.chainId(), g.block().hash());
      return g.block().hash();
    }
    Block stored = store.blockByNumber(0).orElseThrow();
    if (!stored.hash().equals(g.block().hash())) {
      throw new StartupException("the database was created with another genesis (" + stored.hash() + ") than "
          + "general.genesis_path and sequencer.block_gas_limit give (" + g.block().hash() + ")");
    }
    return stored.hash();
  }

  @Override
  public void close() {
    while (!resources.isEmpty()) {
      AutoCloseable c = resources.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("[{}] closing {} failed", nodeTag, c, e);
      }
    }
  }
}
