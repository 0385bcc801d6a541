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
 * ephemeral ports. The Raft port is the enode port plus the default offset (100), so the enode
 * port is chosen as a free port minus 100.
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

  private final Path dir;
  private final int[] p2p = new int[3];
  private final int[] rpc = new int[3];
  private final int[] status = new int[3];
  private final int[] metrics = new int[3];
  private final NodeProcess[] nodes = new NodeProcess[3];
  private final List<NodeProcess> all = new ArrayList<>();
  private final Map<String, String> extraEnv;

  ClusterFixture(Path dir) {
    this(dir, Map.of());
  }

  /** With {@code extraEnv} set on every node (e.g. another genesis file). */
  ClusterFixture(Path dir, Map<String, String> extraEnv) {
    this.dir = dir;
    this.extraEnv = Map.copyOf(extraEnv);
    for (int i = 0; i < 3; i++) {
      p2p[i] = FreePorts.next() - RAFT_PORT_OFFSET;
      rpc[i] = FreePorts.next();
      status[i] = FreePorts.next();
      metrics[i] = FreePorts.next();
    }
  }

  Map<String, String> env(int i) {
    StringBuilder boot = new StringBuilder();
    StringBuilder ids = new StringBuilder("[");
    for (int j = 0; j < 3; j++) {
      boot.append(j == 0 ? "" : ",").append("enode://").append(IDS[j]).append("@127.0.0.1:").append(p2p[j]);
      ids.append(j == 0 ? "" : ",").append("\"0x").append(IDS[j]).append('"');
    }
    ids.append(']');
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NETWORK_ENABLED", "true");
    env.put("NETWORK_SECRET_KEY", KEYS[i]);
    env.put("NETWORK_ADDRESS", "127.0.0.1");
    env.put("NETWORK_PORT", Integer.toString(p2p[i]));
    env.put("NETWORK_BOOT_NODES", boot.toString());
    env.put("CONSENSUS_ENABLED", "true");
    env.put("CONSENSUS_BOOTSTRAP", "true");
    env.put("CONSENSUS_PEER_IDS__JSON", ids.toString());
    env.put("BATCHER_ENABLED", i == 0 ? "true" : "false");
    env.put("PROVER_API_ENABLED", "false");
    env.put("STATUS_SERVER_ADDRESS", "127.0.0.1:" + status[i]);
    env.put("RPC_ADDRESS", "127.0.0.1:" + rpc[i]);
    env.put("OBSERVABILITY_PROMETHEUS_PORT", Integer.toString(metrics[i]));
    env.put("GENERAL_ROCKS_DB_PATH", dir.resolve("db/en-" + (i + 1)).toString());
    env.putAll(extraEnv);
    return env;
  }

  NodeProcess start(int i) {
    NodeProcess p = new NodeProcess("node" + (i + 1) + "-" + all.size(), env(i),
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
    for (int i = 0; i < 3; i++) {
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

  int awaitLeader(Duration timeout) {
    return Poll.value(timeout, "a single leader", () -> {
      int l = leader();
      return l >= 0 ? l : null;
    });
  }

  String logs() {
    StringBuilder sb = new StringBuilder();
    for (NodeProcess p : all) {
      sb.append("---- ").append(p.name()).append('\n').append(p.logTail(40)).append('\n');
    }
    return sb.toString();
  }

  @Override
  public void close() {
    for (NodeProcess p : all) {
      p.kill();
    }
  }
}
