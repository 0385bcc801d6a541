package dev.raftseq.node.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Three consensus node processes configured with the seed's keys and environment variables, on
 * ephemeral ports, plus optional spares: nodes that join the running cluster later (bootstrap=false,
 * added with the admin API). The Raft port is the enode port plus the default offset (100), so the
 * enode port is chosen as a free port minus 100 (with the attestation port, +200, free too). Every
 * node serves the admin API on loopback with {@link #ADMIN_TOKEN}. No node reaches an L1 unless a
 * test sets GENERAL_L1_RPC_URL.
 */
final class ClusterFixture implements AutoCloseable {
  static final String[] KEYS = {
    "0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308",
    "c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7",
    "8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d",
  };
  static final String[] IDS = {
    "246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d",
    "d2db8005d59694a5b79b7c58d4d375c60c9323837e852bbbfd05819621c48a4218cefa37baf39a164e2a6f6c1b34c379c4a72c7480b5fbcc379d1befb881e8fc",
    "2991880ae3ff81b881c86f54d2af0ee85a325231bb75f903f06f432020101614dbfbc75ddec885f5e101fed272bee661f492fb6dd80147b656da990635a7e581",
  };
  static final int RAFT_PORT_OFFSET = 100;
  /** Every member serves its batch signatures at the enode port plus this (batcher.attestation_port_offset). */
  static final int ATTESTATION_PORT_OFFSET = 200;
  /** The keys of spare nodes (a fourth member); their ids are derived. */
  static final String[] SPARE_KEYS = {"4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"};
  static final String ADMIN_TOKEN = "it-admin-token-0123456789";

  private final Path dir;
  private final int size;
  private final int[] p2p;
  private final int[] rpc;
  private final int[] status;
  private final int[] metrics;
  private final int[] admin;
  private final NodeProcess[] nodes;
  private final List<NodeProcess> all = new ArrayList<>();
  private final Map<String, String> extraEnv;
  /** The external node's ports: p2p, rpc, status, metrics, prover API (which it must leave unbound). */
  private final int[] externalPorts = new int[5];
  private NodeProcess external;

  ClusterFixture(Path dir) {
    this(dir, Map.of());
  }

  /** With {@code extraEnv} set on every node (e.g. another genesis file). */
  ClusterFixture(Path dir, Map<String, String> extraEnv) {
    this(dir, extraEnv, 0);
  }

  /** With {@code spares} more nodes that are not members until added (at most {@code SPARE_KEYS.length}). */
  ClusterFixture(Path dir, Map<String, String> extraEnv, int spares) {
    this.dir = dir;
    this.extraEnv = Map.copyOf(extraEnv);
    this.size = 3 + spares;
    p2p = new int[size];
    rpc = new int[size];
    status = new int[size];
    metrics = new int[size];
    admin = new int[size];
    nodes = new NodeProcess[size];
    for (int i = 0; i < size; i++) {
      // the enode port itself is the p2p listener
      p2p[i] = FreePorts.enodePortWithFree(RAFT_PORT_OFFSET, 0, ATTESTATION_PORT_OFFSET);
      rpc[i] = FreePorts.next();
      status[i] = FreePorts.next();
      metrics[i] = FreePorts.next();
      admin[i] = FreePorts.next();
    }
    for (int k = 0; k < externalPorts.length; k++) {
      externalPorts[k] = FreePorts.next();
    }
  }

  /** The external node's key: not a member, its own p2p identity. */
  static final String EXTERNAL_KEY = "4646464646464646464646464646464646464646464646464646464646464646";

  /**
   * An external node beside the cluster (general.node_role=external), following the three members
   * and forwarding transactions to all three RPC URLs in turn. Batcher and prover API are left at
   * their defaults (enabled): an external node must ignore them.
   */
  Map<String, String> externalEnv(int firstUrl) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NETWORK_ENABLED", "true");
    env.put("NETWORK_SECRET_KEY", EXTERNAL_KEY);
    env.put("NETWORK_ADDRESS", "127.0.0.1");
    env.put("NETWORK_PORT", Integer.toString(externalPorts[0]));
    env.put("NETWORK_BOOT_NODES", enode(0) + "," + enode(1) + "," + enode(2));
    env.put("GENERAL_NODE_ROLE", "external");
    env.put("GENERAL_MAIN_NODE_RPC_URL", rpc(firstUrl % 3).url() + "," + rpc((firstUrl + 1) % 3).url() + ","
        + rpc((firstUrl + 2) % 3).url());
    env.put("PROVER_API_ADDRESS", "127.0.0.1:" + externalPorts[4]);
    env.put("RPC_ADDRESS", "127.0.0.1:" + externalPorts[1]);
    env.put("STATUS_SERVER_ADDRESS", "127.0.0.1:" + externalPorts[2]);
    env.put("OBSERVABILITY_PROMETHEUS_PORT", Integer.toString(externalPorts[3]));
    env.put("OBSERVABILITY_PROMETHEUS_ADDRESS", "127.0.0.1");
    env.put("GENERAL_ROCKS_DB_PATH", dir.resolve("db/external").toString());
    env.putAll(extraEnv);
    return env;
  }

  /** Starts the external node, forwarding to node {@code firstUrl}'s RPC first, then the next ones. */
  NodeProcess startExternal(int firstUrl) {
    NodeProcess p = new NodeProcess("external-" + all.size(), externalEnv(firstUrl),
        List.of("--config", "./local-chains/local_dev.yaml", "--config", "./local-chains/v30.2/default/config.yaml"),
        dir.resolve("logs"));
    external = p.start();
    all.add(p);
    return p;
  }

  NodeProcess external() {
    return external;
  }

  JsonRpcClient externalRpc() {
    return new JsonRpcClient("http://127.0.0.1:" + externalPorts[1]);
  }

  JsonNode externalStatus() {
    return StatusProbe.status(externalPorts[2]);
  }

  int externalMetricsPort() {
    return externalPorts[3];
  }

  int externalProverPort() {
    return externalPorts[4];
  }

  int externalStatusPort() {
    return externalPorts[2];
  }

  /** Node {@code i}'s id, 128 hex without 0x. */
  static String id(int i) {
    return i < 3 ? IDS[i] : dev.raftseq.chain.crypto.NodeKey.fromHex(SPARE_KEYS[i - 3]).nodeIdHex().substring(2);
  }

  static String key(int i) {
    return i < 3 ? KEYS[i] : SPARE_KEYS[i - 3];
  }

  /** The address node {@code i} seals blocks with (the blocks' coinbase, "miner" in JSON-RPC). */
  static String sealer(int i) {
    return dev.raftseq.chain.crypto.NodeKey.fromHex(key(i)).address().toString().toLowerCase(java.util.Locale.ROOT);
  }

  String enode(int i) {
    return "enode://" + id(i) + "@127.0.0.1:" + p2p[i];
  }

  int size() {
    return size;
  }

  Map<String, String> env(int i) {
    StringBuilder boot = new StringBuilder();
    StringBuilder ids = new StringBuilder("[");
    for (int j = 0; j < 3; j++) {
      boot.append(j == 0 ? "" : ",").append(enode(j));
      ids.append(j == 0 ? "" : ",").append("\"0x").append(IDS[j]).append('"');
    }
    if (i >= 3) { // a spare knows the members and itself, and initializes no membership
      boot.append(',').append(enode(i));
      ids.append(",\"0x").append(id(i)).append('"');
    }
    ids.append(']');
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NETWORK_ENABLED", "true");
    env.put("NETWORK_SECRET_KEY", key(i));
    env.put("NETWORK_ADDRESS", "127.0.0.1");
    env.put("NETWORK_PORT", Integer.toString(p2p[i]));
    env.put("NETWORK_BOOT_NODES", boot.toString());
    env.put("CONSENSUS_ENABLED", "true");
    env.put("CONSENSUS_BOOTSTRAP", Boolean.toString(i < 3));
    env.put("CONSENSUS_PEER_IDS__JSON", ids.toString());
    env.put("BATCHER_ENABLED", i == 0 ? "true" : "false");
    env.put("PROVER_API_ENABLED", "false");
    env.put("STATUS_SERVER_ADDRESS", "127.0.0.1:" + status[i]);
    env.put("RPC_ADDRESS", "127.0.0.1:" + rpc[i]);
    env.put("OBSERVABILITY_PROMETHEUS_PORT", Integer.toString(metrics[i]));
    env.put("OBSERVABILITY_PROMETHEUS_ADDRESS", "127.0.0.1");
    env.put("STATUS_SERVER_ADMIN_TOKEN", ADMIN_TOKEN);
    env.put("STATUS_SERVER_ADMIN_ADDRESS", "127.0.0.1:" + admin[i]);
    env.put("GENERAL_ROCKS_DB_PATH", dir.resolve("db/en-" + (i + 1)).toString());
    // no L1 unless a test gives one (port 9, discard, has no listener): the batcher node must never
    // settle on whatever anvil happens to listen on the default localhost:8545
    env.put("GENERAL_L1_RPC_URL", "http://127.0.0.1:9");
    env.putAll(extraEnv);
    return env;
  }

  NodeProcess start(int i) {
    return start(i, Map.of());
  }

  /** Starts node i with {@code more} on top of its environment (a null value removes a variable). */
  NodeProcess start(int i, Map<String, String> more) {
    Map<String, String> env = env(i);
    more.forEach((k, v) -> {
      if (v == null) {
        env.remove(k);
      } else {
        env.put(k, v);
      }
    });
    NodeProcess p = new NodeProcess("node" + (i + 1) + "-" + all.size(), env,
        List.of("--config", "./local-chains/local_dev.yaml", "--config", "./local-chains/v30.2/default/config.yaml"),
        dir.resolve("logs"));
    nodes[i] = p.start();
    all.add(p);
    return p;
  }

  void startAll() {
    for (int i = 0; i < 3; i++) {
      start(i);
    }
  }

  void kill(int i) {
    nodes[i].kill();
  }

  /** SIGTERM, and waits for the process to exit. */
  void stop(int i) {
    nodes[i].stop();
  }

  NodeProcess process(int i) {
    return nodes[i];
  }

  int metricsPort(int i) {
    return metrics[i];
  }

  int adminPort(int i) {
    return admin[i];
  }

  boolean alive(int i) {
    return nodes[i] != null && nodes[i].isAlive();
  }

  JsonRpcClient rpc(int i) {
    return new JsonRpcClient("http://127.0.0.1:" + rpc[i]);
  }

  JsonNode status(int i) {
    return StatusProbe.status(status[i]);
  }

  int statusPort(int i) {
    return status[i];
  }

  /** The index of the single live node reporting is_leader, or -1. */
  int leader() {
    int found = -1;
    for (int i = 0; i < size; i++) {
      if (!alive(i)) {
        continue;
      }
      JsonNode s = status(i);
      if (s != null && s.path("consensus").path("raft").path("is_leader").asBoolean(false)) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      }
    }
    return found;
  }

  /**
   * A single leader, and every running node serving: a follower's Raft votes before its RPC server
   * binds, so a leader alone does not mean a follower takes requests yet.
   */
  int awaitLeader(Duration timeout) {
    return Poll.value(timeout, "a single leader and every running node serving", () -> {
      int l = leader();
      if (l < 0) {
        return null;
      }
      for (int i = 0; i < nodes.length; i++) {
        if (alive(i) && status(i) == null) {
          return null;
        }
      }
      return l;
    });
  }

  /** The last lines of every process's log, the latest started first (usually the one a test restarted). */
  String logs() {
    StringBuilder sb = new StringBuilder();
    for (int i = all.size() - 1; i >= 0; i--) {
      NodeProcess p = all.get(i);
      sb.append("---- ").append(p.name()).append('\n').append(p.logTail(40)).append('\n');
    }
    return sb.toString();
  }

  /** Kills every process; with {@code -Dit.keep.logs=DIR} their logs are copied there first. */
  @Override
  public void close() {
    for (NodeProcess p : all) {
      p.kill();
    }
    String keep = System.getProperty("it.keep.logs");
    if (keep != null && !keep.isBlank()) {
      try {
        java.nio.file.Files.createDirectories(Path.of(keep));
        for (NodeProcess p : all) {
          java.nio.file.Files.copy(p.logFile(), Path.of(keep).resolve(p.logFile().getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (java.io.IOException e) {
        System.err.println("could not keep the logs in " + keep + ": " + e);
      }
    }
  }

  /** local-chains/genesis.json with its first {@code senders} dev accounts funded (1,000 ETH each), written into {@code dir}. */
  static Path genesisWithDevAccounts(Path dir, int senders) throws java.io.IOException {
    com.fasterxml.jackson.databind.node.ObjectNode g = (com.fasterxml.jackson.databind.node.ObjectNode)
        JsonRpcClient.JSON.readTree(NodeProcess.REPO.resolve("local-chains/genesis.json").toFile());
    g.put("devAccounts", senders);
    g.put("devAccountBalance", "1000000000000000000000");
    Path file = dir.resolve("genesis.json");
    java.nio.file.Files.writeString(file, g.toString());
    return file;
  }
}
