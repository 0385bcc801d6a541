package dev.raftseq.node.config;

import static dev.raftseq.node.config.SeedEnv.ID_1;
import static dev.raftseq.node.config.SeedEnv.ID_2;
import static dev.raftseq.node.config.SeedEnv.ID_3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a configuration is refused, with the exact message the operator sees. */
class ConfigErrorsTest {
  @TempDir Path tmp;

  private String failure(Map<String, String> env, String... args) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(
        () -> new ConfigLoader(tmp).load(CommandLine.parse(args), env));
    assertThat(t).isInstanceOf(InvalidConfigException.class);
    return t.getMessage();
  }

  private Path write(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private static Map<String, String> node1(String... overrides) {
    Map<String, String> env = SeedEnv.consensusNode1();
    for (int i = 0; i < overrides.length; i += 2) {
      if (overrides[i + 1] == null) {
        env.remove(overrides[i]);
      } else {
        env.put(overrides[i], overrides[i + 1]);
      }
    }
    return env;
  }

  private static Map<String, String> env(String... kv) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return env;
  }

  private static String peers(String... ids) {
    return "[\"" + String.join("\",\"", ids) + "\"]";
  }

  static Stream<Arguments> singleSettingErrors() {
    return Stream.of(
        Arguments.of(env("SEQUENCER_BLOCK_TIME", "fast"),
            "invalid setting SEQUENCER_BLOCK_TIME (sequencer.block_time): expected a duration like"
                + " 250ms, got 'fast'"),
        Arguments.of(env("SEQUENCER_BLOCK_TIME", "250"),
            "invalid setting SEQUENCER_BLOCK_TIME (sequencer.block_time): expected a duration like"
                + " 250ms, got '250'"),
        Arguments.of(env("sequencer_block_time", "0ms"),
            "invalid setting sequencer_block_time (sequencer.block_time): must be at least 1ms, got 0ms"),
        Arguments.of(env("NETWORK_ENABLED", "yes"),
            "invalid setting NETWORK_ENABLED (network.enabled): expected true or false, got 'yes'"),
        Arguments.of(env("NETWORK_PORT", "70000"),
            "invalid setting NETWORK_PORT (network.port): expected an integer between 1 and 65535,"
                + " got 70000"),
        Arguments.of(env("NETWORK_PORT", "0"),
            "invalid setting NETWORK_PORT (network.port): expected an integer between 1 and 65535,"
                + " got 0"),
        Arguments.of(env("NETWORK_PORT", "30a"),
            "invalid setting NETWORK_PORT (network.port): expected an integer, got '30a'"),
        Arguments.of(env("NETWORK_ADDRESS", "127.0.0.1:3060"),
            "invalid setting NETWORK_ADDRESS (network.address): expected a host name or IP address,"
                + " got '127.0.0.1:3060'"),
        Arguments.of(env("OBSERVABILITY_PROMETHEUS_PORT", "-1"),
            "invalid setting OBSERVABILITY_PROMETHEUS_PORT (observability.prometheus_port): expected"
                + " an integer between 0 and 65535, got -1"),
        Arguments.of(env("RPC_ADDRESS", "localhost"),
            "invalid setting RPC_ADDRESS (rpc.address): expected host:port like 0.0.0.0:3050, got"
                + " 'localhost'"),
        Arguments.of(env("STATUS_SERVER_ADDRESS", "0.0.0.0:99999"),
            "invalid setting STATUS_SERVER_ADDRESS (status_server.address): expected host:port like"
                + " 0.0.0.0:3050, got '0.0.0.0:99999'"),
        Arguments.of(env("PROVER_API_ADDRESS", ""),
            "invalid setting PROVER_API_ADDRESS (prover_api.address): must not be empty"),
        Arguments.of(env("RPC_MAX_REQUEST_SIZE", "big"),
            "invalid setting RPC_MAX_REQUEST_SIZE (rpc.max_request_size): expected a size like 15MB,"
                + " got 'big'"),
        Arguments.of(env("RPC_MAX_RESPONSE_SIZE", "4GB"),
            "invalid setting RPC_MAX_RESPONSE_SIZE (rpc.max_response_size): expected a size between"
                + " 1024 and 2147483647 bytes, got 4294967296"),
        Arguments.of(env("RPC_REQUEST_TIMEOUT", "10s"),
            "invalid setting RPC_REQUEST_TIMEOUT (rpc.request_timeout): must be longer than"
                + " rpc.send_raw_transaction_timeout (15s), or a submitted transaction's answer would be cut"
                + " off; got 10s"),
        Arguments.of(env("RPC_IDLE_TIMEOUT", "20s"),
            "invalid setting RPC_IDLE_TIMEOUT (rpc.idle_timeout): must be at least rpc.request_timeout (30s): a"
                + " connection waiting for its answer is idle; got 20s"),
        Arguments.of(env("RPC_MAX_BUFFERED_REQUEST_SIZE", "1MB"),
            "invalid setting RPC_MAX_BUFFERED_REQUEST_SIZE (rpc.max_buffered_request_size): must hold at least"
                + " one request of rpc.max_request_size (15728640 bytes); got 1048576 bytes"),
        Arguments.of(env("RPC_MAX_LOGS_RESULTS", "0"),
            "invalid setting RPC_MAX_LOGS_RESULTS (rpc.max_logs_results): expected an integer between 1 and"
                + " 2147483647, got 0"),
        Arguments.of(env("RPC_RATE_LIMIT_PER_CLIENT", "-5"),
            "invalid setting RPC_RATE_LIMIT_PER_CLIENT (rpc.rate_limit_per_client): expected an integer between 0"
                + " and 1000000, got -5"),
        Arguments.of(env("RPC_RATE_LIMIT_BURST", "0"),
            "invalid setting RPC_RATE_LIMIT_BURST (rpc.rate_limit_burst): expected an integer between 1 and"
                + " 2147483647, got 0"),
        Arguments.of(env("RPC_MAX_BATCH_SIZE", "0"),
            "invalid setting RPC_MAX_BATCH_SIZE (rpc.max_batch_size): expected an integer between 1"
                + " and 2147483647, got 0"),
        Arguments.of(env("GENERAL_NODE_ROLE", "leader"),
            "invalid setting GENERAL_NODE_ROLE (general.node_role): expected one of main, external,"
                + " got 'leader'"),
        Arguments.of(env("OBSERVABILITY_LOG_FORMAT", "xml"),
            "invalid setting OBSERVABILITY_LOG_FORMAT (observability.log_format): expected one of"
                + " terminal, json, got 'xml'"),
        Arguments.of(env("GENERAL_L1_RPC_URL", "localhost:8545"),
            "invalid setting GENERAL_L1_RPC_URL (general.l1_rpc_url): expected an http(s) or ws(s)"
                + " URL like http://localhost:8545, got 'localhost:8545'"),
        Arguments.of(env("L1_PROVIDER_RPC_URL", "ftp://x"),
            "invalid setting L1_PROVIDER_RPC_URL (general.l1_rpc_url): expected an http(s) or ws(s)"
                + " URL like http://localhost:8545, got 'ftp://x'"),
        Arguments.of(env("GENERAL_MAIN_NODE_RPC_URL", "http://"),
            "invalid setting GENERAL_MAIN_NODE_RPC_URL (general.main_node_rpc_url): expected an"
                + " http(s) or ws(s) URL like http://localhost:8545, got 'http://'"),
        Arguments.of(env("NETWORK_SECRET_KEY", "0af615"),
            "invalid setting NETWORK_SECRET_KEY (network.secret_key): expected 64 hex characters"
                + " (optionally 0x-prefixed), got a value of 6 characters"),
        Arguments.of(env("NETWORK_SECRET_KEY", "0x" + "g".repeat(64)),
            "invalid setting NETWORK_SECRET_KEY (network.secret_key): expected 64 hex characters"
                + " (optionally 0x-prefixed), got a value of 66 characters"),
        Arguments.of(env("NETWORK_SECRET_KEY", "0".repeat(64)),
            "invalid setting NETWORK_SECRET_KEY (network.secret_key): not a valid secp256k1 private"
                + " key (it must be between 1 and the curve order - 1)"),
        Arguments.of(env("NETWORK_SECRET_KEY", "f".repeat(64)),
            "invalid setting NETWORK_SECRET_KEY (network.secret_key): not a valid secp256k1 private"
                + " key (it must be between 1 and the curve order - 1)"),
        Arguments.of(env("NETWORK_BOOT_NODES", "enode://abc@1.2.3.4:30303"),
            "invalid setting NETWORK_BOOT_NODES (network.boot_nodes): item 1: expected"
                + " enode://<128 hex node id>@host:port, got 'enode://abc@1.2.3.4:30303'"),
        Arguments.of(env("NETWORK_BOOT_NODES", SeedEnv.ENODE_1 + "," + SeedEnv.ENODE_1.replace("3060", "3099")),
            "invalid setting NETWORK_BOOT_NODES (network.boot_nodes): items 1 and 2 have the same"
                + " node id " + ID_1),
        Arguments.of(env("CONSENSUS_PEER_IDS__JSON", "[\"0x1234\"]"),
            "invalid setting CONSENSUS_PEER_IDS__JSON (consensus.peer_ids): item 1: expected 0x"
                + " followed by 128 hex characters, got '0x1234'"),
        Arguments.of(env("CONSENSUS_PEER_IDS__JSON", peers(ID_1, ID_2.substring(2))),
            "invalid setting CONSENSUS_PEER_IDS__JSON (consensus.peer_ids): item 2: expected 0x"
                + " followed by 128 hex characters, got '" + ID_2.substring(2) + "'"),
        Arguments.of(env("CONSENSUS_PEER_IDS__JSON", "[[\"0x1\"]]"),
            "invalid setting CONSENSUS_PEER_IDS__JSON (consensus.peer_ids): expected a list of"
                + " strings, got an element of type list"),
        Arguments.of(env("CONSENSUS_PEER_IDS__JSON", peers(ID_1, ID_2, ID_1.toUpperCase().replace("0X", "0x"))),
            "invalid setting CONSENSUS_PEER_IDS__JSON (consensus.peer_ids): duplicate peer id " + ID_1),
        Arguments.of(env("CONSENSUS_RAFT_PORT_OFFSET", "0"),
            "invalid setting CONSENSUS_RAFT_PORT_OFFSET (consensus.raft_port_offset): expected an"
                + " integer between 1 and 65534, got 0"),
        Arguments.of(env("CONSENSUS_ELECTION_TIMEOUT_MAX", "300ms"),
            "invalid setting CONSENSUS_ELECTION_TIMEOUT_MAX (consensus.election_timeout_max): must"
                + " be greater than consensus.election_timeout_min (400ms), got 300ms"),
        Arguments.of(env("CONSENSUS_STOP_HANDOFF_TIMEOUT", "-1s"),
            "invalid setting CONSENSUS_STOP_HANDOFF_TIMEOUT (consensus.stop_handoff_timeout): expected a"
                + " duration like 250ms, got '-1s'"),
        Arguments.of(env("OBSERVABILITY_PROMETHEUS_ADDRESS", "0.0.0.0:3312"),
            "invalid setting OBSERVABILITY_PROMETHEUS_ADDRESS (observability.prometheus_address): expected a"
                + " host name or IP address, got '0.0.0.0:3312'"),
        Arguments.of(env("OBSERVABILITY_LOG_LEVELS", "info,dev.raftseq=loud"),
            "invalid setting OBSERVABILITY_LOG_LEVELS (observability.log_levels): item 2: expected a level"
                + " (trace, debug, info, warn, error, off) or logger=level, got 'dev.raftseq=loud'"),
        Arguments.of(env("OBSERVABILITY_LOG_LEVELS", "dev..raftseq=info"),
            "invalid setting OBSERVABILITY_LOG_LEVELS (observability.log_levels): item 1: expected a logger"
                + " name like dev.raftseq.raft before '=', got 'dev..raftseq=info'"),
        Arguments.of(env("STATUS_SERVER_ADMIN_TOKEN", "short"),
            "invalid setting STATUS_SERVER_ADMIN_TOKEN (status_server.admin_token): must be at least 16"
                + " characters (it is the only credential of the admin API), got 5"),
        Arguments.of(env("STATUS_SERVER_ADMIN_TOKEN", "0123456789abcdef", "STATUS_SERVER_ADMIN_ADDRESS", "nowhere"),
            "invalid setting STATUS_SERVER_ADMIN_ADDRESS (status_server.admin_address): expected host:port like"
                + " 127.0.0.1:3081, got 'nowhere'"),
        Arguments.of(env("STATUS_SERVER_ADMIN_TOKEN", "0123456789abcdef", "STATUS_SERVER_ADMIN_ADDRESS",
                "0.0.0.0:3071"),
            "invalid setting STATUS_SERVER_ADMIN_ADDRESS (status_server.admin_address): must differ from"
                + " status_server.address (0.0.0.0:3071): the admin API has a listener of its own"),
        Arguments.of(env("STATUS_SERVER_ADDRESS", "0.0.0.0:65530"),
            "invalid setting status_server.admin_address: the default (status port 65530 + 10) is above"
                + " 65535; set it"),
        // acknowledged transactions never expire: the old setting is refused rather than silently ignored
        Arguments.of(env("MEMPOOL_LIFETIME", "3h"), "unknown setting MEMPOOL_LIFETIME (mempool.lifetime)"),
        Arguments.of(env("SEQUENCER_MAX_TRANSACTIONS_IN_BLOCK__JSON", "{\"a\":1}"),
            "invalid setting SEQUENCER_MAX_TRANSACTIONS_IN_BLOCK__JSON"
                + " (sequencer.max_transactions_in_block): expected an integer, got a section"),
        Arguments.of(env("BATCHER_ENABLED__JSON", "[true]"),
            "invalid setting BATCHER_ENABLED__JSON (batcher.enabled): expected true or false, got a"
                + " list"),
        Arguments.of(env("NETWORK_FOO", "1"), "unknown setting NETWORK_FOO (network.foo)"),
        Arguments.of(env("network_foo", "1", "RPC_URL", "x"),
            "unknown setting RPC_URL (rpc.url); unknown setting network_foo (network.foo)"),
        Arguments.of(env("GENERAL_MAIN_NODE_RPC_URL", "http://a:1,ws://b:2"),
            "invalid setting GENERAL_MAIN_NODE_RPC_URL (general.main_node_rpc_url): expected http(s) URLs,"
                + " got 'ws://b:2'"),
        Arguments.of(env("NETWORK_MAX_PEERS", "0"),
            "invalid setting NETWORK_MAX_PEERS (network.max_peers): expected an integer between 1 and 10000, got 0"),
        Arguments.of(env("L1_PROVIDER_MAX_RETRIES", "5"),
            "unknown setting L1_PROVIDER_MAX_RETRIES (l1_provider.max_retries)"),
        Arguments.of(env("GENERAL_L1_RPC_URL", "http://a:1", "L1_PROVIDER_RPC_URL", "http://b:1"),
            "invalid setting general.l1_rpc_url: both general.l1_rpc_url and l1_provider.rpc_url"
                + " are set (from environment variable L1_PROVIDER_RPC_URL), with different values"));
  }

  @ParameterizedTest
  @MethodSource
  void singleSettingErrors(Map<String, String> env, String message) {
    assertThat(failure(env)).isEqualTo(message);
  }

  // ---- rules across settings

  @Test
  void networkNeedsASecretKey() {
    String message = "invalid setting network.secret_key: required when network.enabled=true (it is this node's"
        + " p2p identity and Raft id); or give it as a file in network.secret_key_file (NETWORK_SECRET_KEY_FILE)";
    assertThat(failure(env("NETWORK_ENABLED", "true"))).isEqualTo(message);
    assertThat(failure(node1("NETWORK_SECRET_KEY", null))).isEqualTo(message);
  }

  // ---- the key as a file (NETWORK_SECRET_KEY_FILE)

  private Path keyFile(String content, String mode) throws IOException {
    Path f = write("node1.key", content);
    Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
    return f;
  }

  @Test
  void secretKeyFileAndSecretKeyTogetherAreRefused() throws IOException {
    Path f = keyFile(SeedEnv.KEY_1, "rw-------");
    assertThat(failure(node1("NETWORK_SECRET_KEY_FILE", f.toString()))).isEqualTo(
        "invalid setting NETWORK_SECRET_KEY_FILE (network.secret_key_file): network.secret_key is set too; set only"
            + " one of them (the file is the safer way: the environment of a process can be read by other"
            + " processes of its user)");
  }

  @Test
  void missingSecretKeyFileIsNamed() {
    Path f = tmp.resolve("absent.key");
    assertThat(failure(node1("NETWORK_SECRET_KEY", null, "NETWORK_SECRET_KEY_FILE", f.toString()))).isEqualTo(
        "invalid setting NETWORK_SECRET_KEY_FILE (network.secret_key_file): no such file: " + f);
  }

  @Test
  void secretKeyFileOthersCanReadIsRefusedWithTheFix() throws IOException {
    Path f = keyFile(SeedEnv.KEY_1, "rw-r--r--");
    assertThat(failure(node1("NETWORK_SECRET_KEY", null, "NETWORK_SECRET_KEY_FILE", f.toString()))).isEqualTo(
        "invalid setting NETWORK_SECRET_KEY_FILE (network.secret_key_file): " + f + " holds a secret key but is"
            + " accessible to its group or to others (mode rw-r--r--); run `chmod 600 " + f + "` (or 400) so only"
            + " its owner can read it");
  }

  @Test
  void secretKeyFileContentIsCheckedWithoutShowingIt() throws IOException {
    Path f = keyFile("0af615", "r--------");
    assertThat(failure(node1("NETWORK_SECRET_KEY", null, "NETWORK_SECRET_KEY_FILE", f.toString()))).isEqualTo(
        "invalid setting NETWORK_SECRET_KEY_FILE (network.secret_key_file): expected 64 hex characters (optionally"
            + " 0x-prefixed), got a value of 6 characters");
  }

  @Test
  void oversizedSecretKeyFileIsRefusedUnread() throws IOException {
    Path f = keyFile("a".repeat(5000), "rw-------");
    assertThat(failure(node1("NETWORK_SECRET_KEY", null, "NETWORK_SECRET_KEY_FILE", f.toString()))).isEqualTo(
        "invalid setting NETWORK_SECRET_KEY_FILE (network.secret_key_file): " + f + " is 5000 bytes; expected 64 hex"
            + " characters");
  }

  @Test
  void consensusNeedsTheNetwork() {
    assertThat(failure(node1("NETWORK_ENABLED", "false"))).isEqualTo(
        "invalid setting CONSENSUS_ENABLED (consensus.enabled): consensus requires"
            + " network.enabled=true (Raft peers are known by their enode ids)");
  }

  @Test
  void theLocalIdMustBeAPeer() {
    assertThat(failure(node1("CONSENSUS_PEER_IDS__JSON", peers(ID_2, ID_3)))).isEqualTo(
        "invalid setting CONSENSUS_PEER_IDS__JSON (consensus.peer_ids): must include this node's id "
            + ID_1 + " (derived from network.secret_key)");
  }

  @Test
  void everyPeerNeedsABootNode() {
    assertThat(failure(node1("NETWORK_BOOT_NODES", SeedEnv.ENODE_1 + "," + SeedEnv.ENODE_2)))
        .isEqualTo("invalid setting CONSENSUS_PEER_IDS__JSON (consensus.peer_ids): peer " + ID_3
            + " has no entry in network.boot_nodes, which gives its address");
  }

  @Test
  void thisNodesBootNodeMustUseNetworkPort() {
    assertThat(failure(node1("NETWORK_PORT", "3065"))).isEqualTo(
        "invalid setting NETWORK_BOOT_NODES (network.boot_nodes): this node's entry says port 3060"
            + " but network.port is 3065; peers would reach its Raft port at the wrong place");
  }

  @Test
  void raftPortsMustStayBelow65536() {
    String far = SeedEnv.ENODE_3.replace(":3062", ":65500");
    assertThat(failure(node1("NETWORK_BOOT_NODES", SeedEnv.ENODE_1 + "," + SeedEnv.ENODE_2 + "," + far)))
        .isEqualTo("invalid setting NETWORK_BOOT_NODES (network.boot_nodes): peer " + ID_3
            + " at 127.0.0.1:65500 would have Raft port 65600 (its port + consensus.raft_port_offset"
            + " 100), above 65535");
  }

  @Test
  void attestationPortsMustStayBelow65536AndDifferFromRaftPorts() {
    String far = SeedEnv.ENODE_3.replace(":3062", ":65400");
    assertThat(failure(node1("NETWORK_BOOT_NODES", SeedEnv.ENODE_1 + "," + SeedEnv.ENODE_2 + "," + far)))
        .isEqualTo("invalid setting NETWORK_BOOT_NODES (network.boot_nodes): peer " + ID_3
            + " at 127.0.0.1:65400 would serve batch signatures on port 65600 (its port +"
            + " batcher.attestation_port_offset 200), above 65535");
    assertThat(failure(node1("BATCHER_ATTESTATION_PORT_OFFSET", "100"))).isEqualTo(
        "invalid setting BATCHER_ATTESTATION_PORT_OFFSET (batcher.attestation_port_offset): must differ from"
            + " consensus.raft_port_offset (100): both listen at the enode port plus their offset");
  }

  @Test
  void externalNodesDoNotTakePartInConsensus() {
    assertThat(failure(node1("general_node_role", "external",
        "GENERAL_MAIN_NODE_RPC_URL", "http://127.0.0.1:3050"))).isEqualTo(
        "invalid setting general_node_role (general.node_role): an external node does not take part"
            + " in consensus; set consensus.enabled=false or general.node_role=main");
  }

  @Test
  void externalNodesNeedTheMainNodesUrl() {
    Map<String, String> en = SeedEnv.exampleExternalNode();
    en.remove("general_main_node_rpc_url");
    assertThat(failure(en)).isEqualTo(
        "invalid setting general.main_node_rpc_url: required when general.node_role=external");
  }

  @Test
  void externalNodesNeedTheNetwork() {
    assertThat(failure(env("GENERAL_NODE_ROLE", "external",
        "GENERAL_MAIN_NODE_RPC_URL", "http://127.0.0.1:3050"))).isEqualTo(
        "invalid setting network.enabled (default): an external node downloads blocks over p2p;"
            + " set network.enabled=true");
  }

  @Test
  void messagesNeverShowTheSecretKey() {
    String key = SeedEnv.KEY_1;
    for (Map<String, String> env : java.util.List.of(
        env("NETWORK_SECRET_KEY", key + "0"),
        env("NETWORK_SECRET_KEY", key.replace('0', 'x')),
        env("NETWORK_SECRET_KEY", key, "network_secret_key", key.replace('a', 'b')),
        env("NETWORK_SECRET_KEY__JSON", key))) {
      assertThat(failure(env)).doesNotContain(key).doesNotContain(key.substring(0, 16));
    }
    String token = "tok-en";
    assertThat(failure(env("STATUS_SERVER_ADMIN_TOKEN__JSON", "[\"" + token + "\"]"))).doesNotContain(token);
  }

  // ---- files and arguments

  @Test
  void unknownKeysInFilesNameTheFile() throws IOException {
    Path f = write("x.yaml", "sequencer:\n  blok_time: 1s\n");
    assertThat(failure(Map.of(), "--config", "x.yaml"))
        .isEqualTo("unknown setting sequencer.blok_time (from " + f + ")");

    Path conf = write("x.conf", "rpc {\n  adress = \"0.0.0.0:1\"\n}\n");
    assertThat(failure(Map.of(), "--config", "x.conf"))
        .startsWith("unknown setting rpc.adress (from ").contains("x.conf");
  }

  @Test
  void badValuesInFilesNameTheFile() throws IOException {
    Path f = write("x.yaml", "sequencer:\n  block_time: 250\n");
    assertThat(failure(Map.of(), "--config", "x.yaml")).isEqualTo("invalid setting"
        + " sequencer.block_time (from " + f + "): expected a duration like 250ms, got '250'");
  }

  @Test
  void aNullValueRemovesTheDefault() throws IOException {
    write("x.yaml", "sequencer:\n  block_time:\n");
    assertThat(failure(Map.of(), "--config", "x.yaml"))
        .isEqualTo("invalid setting sequencer.block_time: a value is required");
  }

  @Test
  void aSectionMustBeASection() throws IOException {
    Path f = write("x.yaml", "network: 5\n");
    assertThat(failure(Map.of(), "--config", "x.yaml"))
        .isEqualTo("invalid setting network (from " + f + "): expected a section of settings, got a number");
  }

  @Test
  void malformedFiles() throws IOException {
    Path dup = write("dup.yaml", "sequencer:\n  block_time: 1s\n  block_time: 2s\n");
    assertThat(failure(Map.of(), "--config", "dup.yaml"))
        .startsWith("cannot read config file " + dup + ": ").contains("block_time");

    Path list = write("list.yaml", "- a\n- b\n");
    assertThat(failure(Map.of(), "--config", "list.yaml")).isEqualTo("cannot read config file "
        + list + ": expected a mapping of sections at the top level");

    Path two = write("two.yaml", "rpc:\n  max_batch_size: 1\n---\nrpc:\n  max_batch_size: 2\n");
    assertThat(failure(Map.of(), "--config", "two.yaml"))
        .isEqualTo("cannot read config file " + two + ": expected one YAML document, found more");

    Path broken = write("broken.yaml", "rpc: [\n");
    assertThat(failure(Map.of(), "--config", "broken.yaml"))
        .startsWith("cannot read config file " + broken + ": ");

    Path hocon = write("broken.conf", "rpc { address = \n");
    assertThat(failure(Map.of(), "--config", "broken.conf"))
        .startsWith("cannot read config file " + hocon + ": ");

    Path json = write("broken.json", "{\"rpc\": }");
    assertThat(failure(Map.of(), "--config", "broken.json"))
        .startsWith("cannot read config file " + json + ": ");

    Path subst = write("subst.conf", "rpc { address = ${nowhere} }\n");
    assertThat(failure(Map.of(), "--config", subst.getFileName().toString()))
        .startsWith("invalid configuration: ").contains("nowhere");
  }

  @Test
  void missingAndUnknownFiles() throws IOException {
    assertThat(failure(Map.of(), "--config", "nope.yaml"))
        .isEqualTo("config file not found: " + tmp.resolve("nope.yaml"));
    write("x.toml", "a = 1\n");
    assertThat(failure(Map.of(), "--config", "x.toml")).isEqualTo("config file "
        + tmp.resolve("x.toml") + " has an unknown type; use .yaml, .yml, .conf (HOCON) or .json");
  }

  @Test
  void commandLine() {
    assertThatThrownBy(() -> CommandLine.parse("--config")).isInstanceOf(InvalidConfigException.class)
        .hasMessage("--config needs a file; usage: node [--config FILE]... | --help");
    assertThatThrownBy(() -> CommandLine.parse("--verbose")).isInstanceOf(InvalidConfigException.class)
        .hasMessage("unknown argument '--verbose'; usage: node [--config FILE]... | --help");
    assertThatThrownBy(() -> CommandLine.parse("--config=")).isInstanceOf(InvalidConfigException.class)
        .hasMessage("--config: not a valid path ''");
    assertThat(CommandLine.parse("--config", "a.yaml", "--config=b.conf").configFiles())
        .containsExactly(Path.of("a.yaml"), Path.of("b.conf"));
  }

  @Test
  void loadWithProcessArgumentsReportsBadArguments() {
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--bogus"}, Map.of()))
        .isInstanceOf(InvalidConfigException.class).hasMessageStartingWith("unknown argument");
  }
}
