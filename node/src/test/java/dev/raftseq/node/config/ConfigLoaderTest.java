package dev.raftseq.node.config;

import static dev.raftseq.node.config.SeedEnv.ID_1;
import static dev.raftseq.node.config.SeedEnv.ID_2;
import static dev.raftseq.node.config.SeedEnv.ID_3;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.crypto.NodeKey;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path REPO = SeedEnv.repoRoot();

  @TempDir Path tmp;

  private static NodeConfig seed(Map<String, String> env) {
    return new ConfigLoader(REPO).load(CommandLine.parse(SeedEnv.SEED_ARGS), SeedEnv.withNoise(env));
  }

  private NodeConfig inTmp(Map<String, String> env, String... args) {
    return new ConfigLoader(tmp).load(CommandLine.parse(args), env);
  }

  private Path write(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  // ---- the seed

  @Test
  void theSeedsSecretKeysDeriveTheSeedsNodeIds() {
    assertThat(NodeKey.fromHex(SeedEnv.KEY_1).nodeIdHex()).isEqualTo(ID_1);
    assertThat(NodeKey.fromHex(SeedEnv.KEY_2).nodeIdHex()).isEqualTo(ID_2);
    assertThat(NodeKey.fromHex(SeedEnv.KEY_3).nodeIdHex()).isEqualTo(ID_3);
    assertThat(SeedEnv.ENODE_1).contains(ID_1.substring(2));
    assertThat(SeedEnv.ENODE_2).contains(ID_2.substring(2));
    assertThat(SeedEnv.ENODE_3).contains(ID_3.substring(2));
  }

  @Test
  void seedConsensusNode1() {
    NodeConfig c = seed(SeedEnv.consensusNode1());

    assertThat(c.general().nodeRole()).isEqualTo(NodeRole.MAIN);
    assertThat(c.general().rocksDbPath()).isEqualTo(Path.of("db/en-1"));
    assertThat(c.network().enabled()).isTrue();
    assertThat(c.localNodeId()).hasValue(ID_1);
    assertThat(c.network().listenAddress()).isEqualTo(new HostPort("127.0.0.1", 3060));
    assertThat(c.network().bootNodes()).extracting(Enode::nodeIdHex).containsExactly(ID_1, ID_2, ID_3);
    assertThat(c.consensus().enabled()).isTrue();
    assertThat(c.consensus().bootstrap()).isTrue();
    assertThat(c.consensus().peerIds()).containsExactly(ID_1, ID_2, ID_3);
    assertThat(c.raftPeers()).containsExactly(
        new RaftPeer(ID_1, new HostPort("127.0.0.1", 3060), new HostPort("127.0.0.1", 3160)),
        new RaftPeer(ID_2, new HostPort("127.0.0.1", 3061), new HostPort("127.0.0.1", 3161)),
        new RaftPeer(ID_3, new HostPort("127.0.0.1", 3062), new HostPort("127.0.0.1", 3162)));
    assertThat(c.raftListenAddress()).isEqualTo(new HostPort("127.0.0.1", 3160));
    assertThat(c.rpc().address()).isEqualTo(new HostPort("0.0.0.0", 3050));
    assertThat(c.statusServer()).isEqualTo(new StatusServerConfig(true, new HostPort("0.0.0.0", 3071)));
    assertThat(c.observability().prometheusPort()).isEqualTo(3312);
    assertThat(c.batcher().enabled()).isTrue();
    assertThat(c.proverApi()).isEqualTo(new ProverApiConfig(true, new HostPort("0.0.0.0", 3124)));
    // from local_dev.yaml and the chain's config.yaml
    assertThat(c.sequencer().blockTime()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.observability().logFormat()).isEqualTo(LogFormat.TERMINAL);
    assertThat(c.batcher().batchTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.general().genesisPath()).isEqualTo(Path.of("local-chains/genesis.json"));
    assertThat(c.general().l1RpcUrl()).isEqualTo(URI.create("http://localhost:8545"));
  }

  @Test
  void seedConsensusNode2() {
    NodeConfig c = seed(SeedEnv.consensusNode2());

    assertThat(c.localNodeId()).hasValue(ID_2);
    assertThat(c.general().rocksDbPath()).isEqualTo(Path.of("db/en-2"));
    assertThat(c.network().listenAddress()).isEqualTo(new HostPort("127.0.0.1", 3061));
    assertThat(c.raftListenAddress()).isEqualTo(new HostPort("127.0.0.1", 3161));
    assertThat(c.raftPeers()).extracting(RaftPeer::raftAddress).containsExactly(
        new HostPort("127.0.0.1", 3160), new HostPort("127.0.0.1", 3161), new HostPort("127.0.0.1", 3162));
    assertThat(c.rpc().address()).isEqualTo(new HostPort("0.0.0.0", 3051));
    assertThat(c.statusServer()).isEqualTo(new StatusServerConfig(true, new HostPort("0.0.0.0", 3072)));
    assertThat(c.observability().prometheusPort()).isEqualTo(3313);
    assertThat(c.batcher().enabled()).isFalse();
    assertThat(c.proverApi().enabled()).isFalse();
  }

  @Test
  void seedConsensusNode3() {
    NodeConfig c = seed(SeedEnv.consensusNode3());

    assertThat(c.localNodeId()).hasValue(ID_3);
    assertThat(c.general().rocksDbPath()).isEqualTo(Path.of("db/en-3"));
    assertThat(c.network().listenAddress()).isEqualTo(new HostPort("127.0.0.1", 3062));
    assertThat(c.raftListenAddress()).isEqualTo(new HostPort("127.0.0.1", 3162));
    assertThat(c.raftPeers()).extracting(RaftPeer::p2pAddress).containsExactly(
        new HostPort("127.0.0.1", 3060), new HostPort("127.0.0.1", 3061), new HostPort("127.0.0.1", 3062));
    assertThat(c.rpc().address()).isEqualTo(new HostPort("0.0.0.0", 3052));
    assertThat(c.statusServer()).isEqualTo(new StatusServerConfig(true, new HostPort("0.0.0.0", 3073)));
    assertThat(c.observability().prometheusPort()).isEqualTo(3314);
    assertThat(c.batcher().enabled()).isFalse();
    assertThat(c.proverApi().enabled()).isFalse();
  }

  @Test
  void seedExternalNodeInLowerCaseWithoutConfigArguments() {
    NodeConfig c = new ConfigLoader(REPO).load(CommandLine.parse(),
        SeedEnv.withNoise(SeedEnv.exampleExternalNode()));

    assertThat(c.isExternal()).isTrue();
    assertThat(c.general().mainNodeRpcUrl()).hasValue(URI.create("http://127.0.0.1:3050"));
    assertThat(c.general().rocksDbPath()).isEqualTo(Path.of("db/en"));
    assertThat(c.network().enabled()).isTrue();
    assertThat(c.localNodeId()).hasValue(ID_2);
    assertThat(c.network().listenAddress()).isEqualTo(new HostPort("127.0.0.1", 3061));
    assertThat(c.network().bootNodes()).containsExactly(
        new Enode(ID_1, "127.0.0.1", 3060), new Enode(ID_2, "127.0.0.1", 3060));
    assertThat(c.consensus().enabled()).isFalse();
    assertThat(c.raftPeers()).isEmpty();
    assertThat(c.observability().prometheusPort()).isEqualTo(3313);
    assertThat(c.statusServer().enabled()).isFalse();
    assertThat(c.rpc().address()).isEqualTo(new HostPort("0.0.0.0", 3051));
    // the default files were read: local_dev.yaml's log format
    assertThat(c.observability().logFormat()).isEqualTo(LogFormat.TERMINAL);
  }

  @Test
  void seedMainNodeOfTheExternalNodeExample() {
    NodeConfig c = new ConfigLoader(REPO).load(CommandLine.parse(),
        SeedEnv.withNoise(SeedEnv.exampleMainNode()));

    assertThat(c.isExternal()).isFalse();
    assertThat(c.consensus().enabled()).isFalse();
    assertThat(c.localNodeId()).hasValue(ID_1);
    assertThat(c.network().port()).isEqualTo(3060);
    assertThat(c.network().bootNodes()).hasSize(2);
  }

  @Test
  void upperAndLowerCaseGiveTheSameConfig() {
    Map<String, String> lower = new HashMap<>();
    SeedEnv.consensusNode2().forEach((k, v) -> lower.put(k.toLowerCase(), v));

    assertThat(seed(lower)).isEqualTo(seed(SeedEnv.consensusNode2()));
  }

  @Test
  void peerIdsMayAlsoBeCommaSeparatedText() {
    Map<String, String> env = SeedEnv.consensusNode1();
    env.remove("CONSENSUS_PEER_IDS__JSON");
    env.put("CONSENSUS_PEER_IDS", ID_1 + ", " + ID_2 + "," + ID_3.toUpperCase().replace("0X", "0x"));

    assertThat(seed(env).consensus().peerIds()).containsExactly(ID_1, ID_2, ID_3);
  }

  @Test
  void theNodeKeyIsNeverPrinted() {
    NodeConfig c = seed(SeedEnv.consensusNode1());

    assertThat(c.toString()).contains(ID_1).doesNotContain(SeedEnv.KEY_1);
  }

  // ---- defaults and files

  @Test
  void withoutFilesTheDefaultsApply() {
    NodeConfig c = inTmp(Map.of());

    assertThat(c.general()).isEqualTo(new GeneralConfig(Path.of("./db/node1"), NodeRole.MAIN,
        List.of(), URI.create("http://localhost:8545"), Path.of("local-chains/genesis.json")));
    assertThat(c.network()).isEqualTo(
        new NetworkConfig(false, Optional.empty(), "0.0.0.0", 3060, List.of()));
    assertThat(c.consensus()).isEqualTo(new ConsensusConfig(false, false, List.of(), 100,
        Duration.ofMillis(400), Duration.ofMillis(800), true, false, Duration.ofSeconds(3),
        ConsensusConfig.LogRetention.DEFAULT));
    assertThat(c.sequencer()).isEqualTo(
        new SequencerConfig(Duration.ofMillis(250), 1000, 100_000_000L, false));
    assertThat(c.rpc()).isEqualTo(new RpcConfig(new HostPort("0.0.0.0", 3050), 15L << 20, 24L << 20,
        1000, 1000, List.of(), 10_000, Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(120),
        64L << 20, 10_000, 0, 100));
    assertThat(c.statusServer()).isEqualTo(new StatusServerConfig(true, new HostPort("0.0.0.0", 3071)));
    assertThat(c.observability()).isEqualTo(new ObservabilityConfig(3312, LogFormat.JSON));
    assertThat(c.batcher()).isEqualTo(new BatcherConfig(true, Duration.ofSeconds(60)));
    assertThat(c.proverApi()).isEqualTo(new ProverApiConfig(true, new HostPort("0.0.0.0", 3124)));
    assertThat(c.mempool()).isEqualTo(new MempoolConfig(100_000, 1024));
  }

  @Test
  void theAdminApiMetricsAddressAndLogLevelsAreSetFromTheEnvironment() {
    NodeConfig c = inTmp(Map.of("STATUS_SERVER_ADMIN_TOKEN", "0123456789abcdef0123",
        "STATUS_SERVER_ADDRESS", "0.0.0.0:3072", "OBSERVABILITY_PROMETHEUS_ADDRESS", "127.0.0.1",
        "OBSERVABILITY_LOG_LEVELS", "warn, dev.raftseq.raft=debug,ROOT=info", "CONSENSUS_STOP_HANDOFF_TIMEOUT", "5s"));
    assertThat(c.statusServer().adminEnabled()).isTrue();
    assertThat(c.statusServer().adminToken()).contains("0123456789abcdef0123");
    assertThat(c.statusServer().adminAddress()).isEqualTo(new HostPort("127.0.0.1", 3082));
    assertThat(c.statusServer().toString()).doesNotContain("0123456789abcdef0123");
    assertThat(c.observability().prometheusAddress()).isEqualTo("127.0.0.1");
    assertThat(c.observability().logLevels()).containsExactly(new ObservabilityConfig.LogLevel(null, "warn"),
        new ObservabilityConfig.LogLevel("dev.raftseq.raft", "debug"), new ObservabilityConfig.LogLevel(null, "info"));
    assertThat(c.consensus().stopHandoffTimeout()).isEqualTo(Duration.ofSeconds(5));

    NodeConfig own = inTmp(Map.of("STATUS_SERVER_ADMIN_TOKEN", "0123456789abcdef0123",
        "STATUS_SERVER_ADMIN_ADDRESS", "10.0.0.5:4000"));
    assertThat(own.statusServer().adminAddress()).isEqualTo(new HostPort("10.0.0.5", 4000));
    assertThat(inTmp(Map.of()).statusServer().adminEnabled()).isFalse();
  }

  @Test
  void withoutConfigArgumentsTheDefaultFilesOfTheWorkingDirectoryAreRead() throws IOException {
    write("local-chains/local_dev.yaml", "sequencer:\n  block_time: 100ms\n");
    write("local-chains/v30.2/default/config.yaml", "sequencer:\n  block_time: 50ms\n"
        + "general:\n  l1_rpc_url: http://l1.example:8545\n");

    NodeConfig c = inTmp(Map.of());

    assertThat(c.sequencer().blockTime()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.general().l1RpcUrl()).isEqualTo(URI.create("http://l1.example:8545"));
  }

  @Test
  void theRepositorysFilesAreValidOnTheirOwn() {
    NodeConfig c = new ConfigLoader(REPO).load(CommandLine.parse(SeedEnv.SEED_ARGS), Map.of());

    assertThat(c.sequencer().blockTime()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.observability().logFormat()).isEqualTo(LogFormat.TERMINAL);
    assertThat(c.batcher().batchTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.mempool().maxPerSender()).isEqualTo(4096);
    assertThat(c.general().genesisPath()).isEqualTo(Path.of("local-chains/genesis.json"));
  }

  @Test
  void laterFilesOverrideEarlierOnesAndTheEnvironmentOverridesFiles() throws IOException {
    write("a.yaml", "sequencer:\n  block_time: 100ms\n  max_transactions_in_block: 7\nrpc:\n"
        + "  max_batch_size: 3\n");
    write("b.conf", "sequencer { block_time = 2s }\nrpc.max_batch_size = 4\n");
    write("c.json", "{\"rpc\": {\"max_batch_size\": 5, \"cors_origins\": [\"https://a.example\"]}}");

    NodeConfig c = inTmp(Map.of("RPC_MAX_BATCH_SIZE", "6"),
        "--config", "a.yaml", "--config=b.conf", "--config", "c.json");

    assertThat(c.sequencer().blockTime()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.sequencer().maxTransactionsInBlock()).isEqualTo(7);
    assertThat(c.rpc().maxBatchSize()).isEqualTo(6);
    assertThat(c.rpc().corsOrigins()).containsExactly("https://a.example");
  }

  @Test
  void theSeedsNodeWithItsKeyInAFileInsteadOfTheEnvironment() throws IOException {
    Path key = write("secrets/node1.key", "0x" + SeedEnv.KEY_1 + "\n");
    Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
    Map<String, String> env = SeedEnv.consensusNode1();
    env.remove("NETWORK_SECRET_KEY");
    env.put("NETWORK_SECRET_KEY_FILE", key.toString());

    NodeConfig c = seed(env);

    assertThat(c.localNodeId()).hasValue(ID_1);
    assertThat(c.network().nodeKey().orElseThrow().privateKey()).isEqualTo(NodeKey.fromHex(SeedEnv.KEY_1).privateKey());
    assertThat(c.toString()).doesNotContain(SeedEnv.KEY_1);
  }

  @Test
  void yamlKeepsHexAndLeadingZerosOfUnquotedSecretKeys() throws IOException {
    // YAML reads both as integers; the key must survive as written
    write("k.yaml", "network:\n  enabled: true\n  secret_key: 0x" + SeedEnv.KEY_1 + "\n");
    write("n.yaml", "network:\n  enabled: true\n  secret_key: 0" + "1".repeat(63) + "\n");

    assertThat(inTmp(Map.of(), "--config", "k.yaml").localNodeId()).hasValue(ID_1);
    assertThat(inTmp(Map.of(), "--config", "n.yaml").localNodeId())
        .hasValue(NodeKey.fromHex("0" + "1".repeat(63)).nodeIdHex());
  }

  @Test
  void yamlEmptySectionsAndUnknownSectionsAreIgnored() throws IOException {
    write("x.yaml", "network:\n#  port: 1\nl1_watcher:\n  poll_interval: 100ms\n"
        + "external_price_api_client:\n  source: Forced\n");

    assertThat(inTmp(Map.of(), "--config", "x.yaml").network().port()).isEqualTo(3060);
  }

  @Test
  void anEmptyYamlFileChangesNothing() throws IOException {
    write("empty.yaml", "# nothing\n");

    assertThat(inTmp(Map.of(), "--config", "empty.yaml")).isEqualTo(inTmp(Map.of()));
  }

  @Test
  void zksyncsL1ProviderNameIsAnAliasAndTheLaterLayerWins() throws IOException {
    write("a.yaml", "general:\n  l1_rpc_url: http://file:8545\n");
    write("b.yaml", "l1_provider:\n  rpc_url: http://file-b:8545\n");

    assertThat(inTmp(Map.of(), "--config", "a.yaml", "--config", "b.yaml").general().l1RpcUrl())
        .isEqualTo(URI.create("http://file-b:8545"));
    assertThat(inTmp(Map.of("L1_PROVIDER_RPC_URL", "http://env:8545"), "--config", "a.yaml")
        .general().l1RpcUrl()).isEqualTo(URI.create("http://env:8545"));
    assertThat(inTmp(Map.of("GENERAL_L1_RPC_URL", "http://env:1"), "--config", "b.yaml")
        .general().l1RpcUrl()).isEqualTo(URI.create("http://env:1"));
  }

  @Test
  void valuesAreTypedFromEnvironmentText() {
    NodeConfig c = inTmp(Map.of(
        "RPC_MAX_REQUEST_SIZE", "15",
        "RPC_MAX_RESPONSE_SIZE", "512KB",
        "SEQUENCER_BLOCK_TIME", "2m",
        "SEQUENCER_PRODUCE_EMPTY_BLOCKS", "TRUE",
        "SEQUENCER_BLOCK_GAS_LIMIT", "30000000",
        "OBSERVABILITY_LOG_FORMAT", "Json",
        "RPC_CORS_ORIGINS", "https://a.example, https://b.example",
        "MEMPOOL_MAX_PER_SENDER", "77",
        "GENERAL_MAIN_NODE_RPC_URL", ""));

    assertThat(c.rpc().maxRequestSize()).isEqualTo(15L * 1024 * 1024);
    assertThat(c.rpc().maxResponseSize()).isEqualTo(512L * 1024);
    assertThat(c.sequencer().blockTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.sequencer().produceEmptyBlocks()).isTrue();
    assertThat(c.sequencer().blockGasLimit()).isEqualTo(30_000_000L);
    assertThat(c.observability().logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(c.rpc().corsOrigins()).containsExactly("https://a.example", "https://b.example");
    assertThat(c.mempool().maxPerSender()).isEqualTo(77);
    assertThat(c.general().mainNodeRpcUrl()).isEmpty();
  }

  @Test
  void anExternalNodeForwardsToSeveralMainNodesInOrder() {
    Map<String, String> env = new java.util.HashMap<>(SeedEnv.exampleExternalNode());
    env.put("general_main_node_rpc_url", " http://127.0.0.1:3050, https://b.example:8545/rpc ,http://10.0.0.3:3052");
    env.put("network_max_peers", "7");
    NodeConfig c = inTmp(env);
    assertThat(c.general().mainNodeRpcUrls()).containsExactly(URI.create("http://127.0.0.1:3050"),
        URI.create("https://b.example:8545/rpc"), URI.create("http://10.0.0.3:3052"));
    assertThat(c.general().mainNodeRpcUrl()).hasValue(URI.create("http://127.0.0.1:3050"));
    assertThat(c.network().maxPeers()).isEqualTo(7);
    assertThat(inTmp(Map.of()).network().maxPeers()).isEqualTo(50);
  }

  @Test
  void theJsonRpcEdgesLimitsHaveGethsDefaultsAndAreSetFromTheEnvironment() {
    RpcConfig defaults = inTmp(Map.of()).rpc();
    assertThat(defaults.maxResponseSize()).isEqualTo(24L * 1024 * 1024);
    assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(defaults.maxBufferedRequestSize()).isEqualTo(64L * 1024 * 1024);
    assertThat(defaults.maxLogsResults()).isEqualTo(10_000);
    assertThat(defaults.rateLimitPerClient()).isZero();

    RpcConfig set = inTmp(Map.of("RPC_REQUEST_TIMEOUT", "20s", "RPC_IDLE_TIMEOUT", "1m",
        "RPC_MAX_BUFFERED_REQUEST_SIZE", "1GB", "RPC_MAX_LOGS_RESULTS", "500", "RPC_RATE_LIMIT_PER_CLIENT", "50",
        "RPC_RATE_LIMIT_BURST", "10")).rpc();
    assertThat(set.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(set.idleTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(set.maxBufferedRequestSize()).isEqualTo(1024L * 1024 * 1024);
    assertThat(set.maxLogsResults()).isEqualTo(500);
    assertThat(set.rateLimitPerClient()).isEqualTo(50);
    assertThat(set.rateLimitBurst()).isEqualTo(10);
  }

  @Test
  void portZeroBindsAnyFreePortForHttpServers() {
    NodeConfig c = inTmp(Map.of("RPC_ADDRESS", "127.0.0.1:0", "STATUS_SERVER_ADDRESS", "[::1]:0",
        "OBSERVABILITY_PROMETHEUS_PORT", "0"));

    assertThat(c.rpc().address().port()).isZero();
    assertThat(c.statusServer().address()).isEqualTo(new HostPort("::1", 0));
    assertThat(c.observability().prometheusPort()).isZero();
  }

  @Test
  void theRaftPortOffsetIsConfigurable() {
    Map<String, String> env = SeedEnv.consensusNode1();
    env.put("CONSENSUS_RAFT_PORT_OFFSET", "1000");

    NodeConfig c = seed(env);

    assertThat(c.raftListenAddress()).isEqualTo(new HostPort("127.0.0.1", 4060));
    assertThat(c.raftPeers()).extracting(p -> p.raftAddress().port()).containsExactly(4060, 4061, 4062);
  }
}
