package dev.raftseq.node.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment blocks of seed 002 ("Multi-node consensus"), values copied verbatim, and the
 * repository root they are run from.
 */
public final class SeedEnv {
  static final String ENODE_1 = "enode://246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d@127.0.0.1:3060";
  static final String ENODE_2 = "enode://d2db8005d59694a5b79b7c58d4d375c60c9323837e852bbbfd05819621c48a4218cefa37baf39a164e2a6f6c1b34c379c4a72c7480b5fbcc379d1befb881e8fc@127.0.0.1:3061";
  static final String ENODE_3 = "enode://2991880ae3ff81b881c86f54d2af0ee85a325231bb75f903f06f432020101614dbfbc75ddec885f5e101fed272bee661f492fb6dd80147b656da990635a7e581@127.0.0.1:3062";
  static final String PEER_IDS_JSON = """
      [
      "0x246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d",
      "0xd2db8005d59694a5b79b7c58d4d375c60c9323837e852bbbfd05819621c48a4218cefa37baf39a164e2a6f6c1b34c379c4a72c7480b5fbcc379d1befb881e8fc",
      "0x2991880ae3ff81b881c86f54d2af0ee85a325231bb75f903f06f432020101614dbfbc75ddec885f5e101fed272bee661f492fb6dd80147b656da990635a7e581"
      ]""";
  static final String BOOT_NODES = ENODE_1 + "," + ENODE_2 + "," + ENODE_3;

  static final String KEY_1 = "0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308";
  static final String KEY_2 = "c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7";
  static final String KEY_3 = "8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d";
  static final String ID_1 = "0x246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d";
  static final String ID_2 = "0xd2db8005d59694a5b79b7c58d4d375c60c9323837e852bbbfd05819621c48a4218cefa37baf39a164e2a6f6c1b34c379c4a72c7480b5fbcc379d1befb881e8fc";
  static final String ID_3 = "0x2991880ae3ff81b881c86f54d2af0ee85a325231bb75f903f06f432020101614dbfbc75ddec885f5e101fed272bee661f492fb6dd80147b656da990635a7e581";

  /** The seed's command-line files for consensus nodes. */
  static final String[] SEED_ARGS = {
    "--config", "./local-chains/local_dev.yaml", "--config", "./local-chains/v30.2/default/config.yaml"
  };

  private SeedEnv() {}

  static Map<String, String> consensusNode1() {
    Map<String, String> env = new HashMap<>();
    env.put("NETWORK_ENABLED", "true");
    env.put("NETWORK_SECRET_KEY", "0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308");
    env.put("NETWORK_ADDRESS", "127.0.0.1");
    env.put("NETWORK_PORT", "3060");
    env.put("NETWORK_BOOT_NODES", BOOT_NODES);
    env.put("CONSENSUS_ENABLED", "true");
    env.put("CONSENSUS_BOOTSTRAP", "true");
    env.put("CONSENSUS_PEER_IDS__JSON", PEER_IDS_JSON);
    env.put("GENERAL_ROCKS_DB_PATH", "db/en-1");
    return env;
  }

  static Map<String, String> consensusNode2() {
    Map<String, String> env = new HashMap<>();
    env.put("NETWORK_ENABLED", "true");
    env.put("NETWORK_SECRET_KEY", "c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7");
    env.put("NETWORK_ADDRESS", "127.0.0.1");
    env.put("NETWORK_PORT", "3061");
    env.put("NETWORK_BOOT_NODES", BOOT_NODES);
    env.put("CONSENSUS_ENABLED", "true");
    env.put("CONSENSUS_BOOTSTRAP", "true");
    env.put("CONSENSUS_PEER_IDS__JSON", PEER_IDS_JSON);
    env.put("BATCHER_ENABLED", "false");
    env.put("PROVER_API_ENABLED", "false");
    env.put("STATUS_SERVER_ADDRESS", "0.0.0.0:3072");
    env.put("RPC_ADDRESS", "0.0.0.0:3051");
    env.put("OBSERVABILITY_PROMETHEUS_PORT", "3313");
    env.put("GENERAL_ROCKS_DB_PATH", "db/en-2");
    return env;
  }

  static Map<String, String> consensusNode3() {
    Map<String, String> env = new HashMap<>();
    env.put("NETWORK_ENABLED", "true");
    env.put("NETWORK_SECRET_KEY", "8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d");
    env.put("NETWORK_ADDRESS", "127.0.0.1");
    env.put("NETWORK_PORT", "3062");
    env.put("NETWORK_BOOT_NODES", BOOT_NODES);
    env.put("CONSENSUS_ENABLED", "true");
    env.put("CONSENSUS_BOOTSTRAP", "true");
    env.put("CONSENSUS_PEER_IDS__JSON", PEER_IDS_JSON);
    env.put("BATCHER_ENABLED", "false");
    env.put("PROVER_API_ENABLED", "false");
    env.put("STATUS_SERVER_ADDRESS", "0.0.0.0:3073");
    env.put("RPC_ADDRESS", "0.0.0.0:3052");
    env.put("OBSERVABILITY_PROMETHEUS_PORT", "3314");
    env.put("GENERAL_ROCKS_DB_PATH", "db/en-3");
    return env;
  }

  /** "Main Node" of the ExternalNode example (lower case, plain `cargo run`). */
  public static Map<String, String> exampleMainNode() {
    Map<String, String> env = new HashMap<>();
    env.put("network_enabled", "true");
    env.put("network_secret_key", "0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308");
    env.put("network_boot_nodes", "enode://246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d@127.0.0.1:3060,enode://d2db8005d59694a5b79b7c58d4d375c60c9323837e852bbbfd05819621c48a4218cefa37baf39a164e2a6f6c1b34c379c4a72c7480b5fbcc379d1befb881e8fc@127.0.0.1:3060");
    return env;
  }

  /** "External Node" of the ExternalNode example (lower case, plain `cargo run`). */
  public static Map<String, String> exampleExternalNode() {
    Map<String, String> env = new HashMap<>();
    env.put("RUST_LOG", "info,zksync_os_storage_api=debug");
    env.put("network_enabled", "true");
    env.put("network_secret_key", "c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7");
    env.put("network_address", "127.0.0.1");
    env.put("network_port", "3061");
    env.put("network_boot_nodes", "enode://246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d@127.0.0.1:3060,enode://d2db8005d59694a5b79b7c58d4d375c60c9323837e852bbbfd05819621c48a4218cefa37baf39a164e2a6f6c1b34c379c4a72c7480b5fbcc379d1befb881e8fc@127.0.0.1:3060");
    env.put("general_main_node_rpc_url", "http://127.0.0.1:3050");
    env.put("general_node_role", "external");
    env.put("observability_prometheus_port", "3313");
    env.put("general_rocks_db_path", "db/en");
    env.put("status_server_enabled", "false");
    env.put("rpc_address", "0.0.0.0:3051");
    return env;
  }

  /** The repository root: the nearest directory upwards holding local-chains/local_dev.yaml. */
  static Path repoRoot() {
    try {
      Path dir = Path.of("").toAbsolutePath().toRealPath();
      for (Path d = dir; d != null; d = d.getParent()) {
        if (Files.isRegularFile(d.resolve("local-chains/local_dev.yaml"))) {
          return d;
        }
      }
      throw new IllegalStateException("no local-chains/local_dev.yaml above " + dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A typical unrelated environment, which the loader must ignore. */
  static Map<String, String> withNoise(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("PATH", "/usr/local/bin:/usr/bin");
    all.put("HOME", "/root");
    all.put("JAVA_HOME", "/usr/lib/jvm/java-17");
    all.put("MAVEN_OPTS", "-Xmx1g");
    all.put("LANG", "C.UTF-8");
    all.put("ETH_RPC_URL", "http://x");
    return all;
  }
}
