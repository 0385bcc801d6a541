package dev.raftseq.systest.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.systest.history.HistoryJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three consensus nodes on loopback, configured with seed 002's keys and environment variables
 * on free ports, each behind a {@link RaftLinkProxy}: a node's enode (and so its Raft address in
 * every peer's configuration) says 127.0.0.1:port, where its proxy listens, while the node binds
 * NETWORK_ADDRESS=127.0.0.2 on the same port. No node setting beyond the seed's is needed.
 */
public final class Cluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
  public static final String[] KEYS = {
    "0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308",
    "c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7",
    "8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d",
  };
  public static final int SIZE = 3;
  static final int RAFT_PORT_OFFSET = 100;
  /** Where nodes bind; their peers reach them through the proxy on 127.0.0.1. */
  static final String BIND_HOST = "127.0.0.2";
  static final String ADVERTISED_HOST = "127.0.0.1";
  public static final String ELECTION_TIMEOUT_MIN = "1s";
  public static final String ELECTION_TIMEOUT_MAX = "2s";

  /** Set by close: no node is started after it (an abort from a shutdown hook races the campaign's restarts). */
  private boolean closed;
  private final ClusterOptions options;
  private final NodeKey[] keys = new NodeKey[SIZE];
  private final int[] raftPort = new int[SIZE];
  private final int[] rpcPort = new int[SIZE];
  private final int[] statusPort = new int[SIZE];
  private final int[] metricsPort = new int[SIZE];
  private final NodeProcess[] nodes = new NodeProcess[SIZE];
  private final ClockControl[] clocks = new ClockControl[SIZE];
  private final DiskControl[] disks = new DiskControl[SIZE];
  private final RaftLinkProxy[] proxies = new RaftLinkProxy[SIZE];
  /** Each node's own lossyfs mount when the options ask for power cuts; nulls otherwise. */
  private final LossyFs[] lossy = new LossyFs[SIZE];
  private final PartitionTable partitions = new PartitionTable();
  private final Path genesis;

  public Cluster(ClusterOptions options) {
    this.options = options;
    try {
      Files.createDirectories(options.runDir());
      this.genesis = writeGenesis(options);
      SocketOwners owners = SocketOwners.system();
      if (options.lossyfs().isPresent()) {
        for (int i = 0; i < SIZE; i++) {
          Path node = options.runDir().resolve("nodes").resolve(name(i));
          lossy[i] = new LossyFs(options.lossyfs().get(), node.resolve("lossyfs-backing"), node.resolve("lossyfs"),
              options.runDir().resolve("logs").resolve("lossyfs-" + name(i) + ".log"));
          lossy[i].mount();
        }
      }
      for (int i = 0; i < SIZE; i++) {
        keys[i] = NodeKey.fromHex(KEYS[i]);
        raftPort[i] = raftPortFreeOnBothHosts();
        rpcPort[i] = freePort();
        statusPort[i] = freePort();
        metricsPort[i] = freePort();
        Path nodeDir = options.runDir().resolve("nodes").resolve(name(i));
        Files.createDirectories(nodeDir);
        clocks[i] = new ClockControl(nodeDir.resolve("faketime.rc"));
        if (options.tmpfsBytes().isPresent()) {
          disks[i] = new DiskControl(nodeDir.resolve("disk"));
          disks[i].mount(options.tmpfsBytes().get());
        }
        proxies[i] = new RaftLinkProxy(i, new InetSocketAddress(ADVERTISED_HOST, raftPort[i]),
            new InetSocketAddress(BIND_HOST, raftPort[i]), partitions, owners, this::pids, this::indexOfPid);
        proxies[i].start();
      }
      for (int i = 0; i < SIZE; i++) {
        nodes[i] = new NodeProcess(name(i), options.nodeJar(), options.repoRoot(), env(i),
            options.runDir().resolve("logs").resolve(name(i) + ".log"));
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  public static String name(int i) {
    return "n" + (i + 1);
  }

  public NodeKey key(int i) {
    return keys[i];
  }

  public Path dataDir(int i) {
    Path nodeDir = options.runDir().resolve("nodes").resolve(name(i));
    if (lossy[i] != null) {
      return lossy[i].root().resolve("db");
    }
    return disks[i] != null ? disks[i].root().resolve("db") : nodeDir.resolve("db");
  }

  Map<String, String> env(int i) {
    StringBuilder boot = new StringBuilder();
    StringBuilder ids = new StringBuilder("[");
    for (int j = 0; j < SIZE; j++) {
      String id = keys[j].nodeIdHex().substring(2);
      boot.append(j == 0 ? "" : ",").append("enode://").append(id).append('@').append(ADVERTISED_HOST).append(':')
          .append(raftPort[j] - RAFT_PORT_OFFSET);
      ids.append(j == 0 ? "" : ",").append("\"0x").append(id).append('"');
    }
    ids.append(']');
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NETWORK_ENABLED", "true");
    env.put("NETWORK_SECRET_KEY", KEYS[i]);
    env.put("NETWORK_ADDRESS", BIND_HOST);
    env.put("NETWORK_PORT", Integer.toString(raftPort[i] - RAFT_PORT_OFFSET));
    env.put("NETWORK_BOOT_NODES", boot.toString());
    env.put("CONSENSUS_ENABLED", "true");
    env.put("CONSENSUS_BOOTSTRAP", "true");
    env.put("CONSENSUS_PEER_IDS__JSON", ids.toString());
    // three JVMs and the harness on a small shared machine: elections well above scheduling noise
    env.put("CONSENSUS_ELECTION_TIMEOUT_MIN", ELECTION_TIMEOUT_MIN);
    env.put("CONSENSUS_ELECTION_TIMEOUT_MAX", ELECTION_TIMEOUT_MAX);
    env.put("BATCHER_ENABLED", i == 0 ? "true" : "false");
    env.put("PROVER_API_ENABLED", "false");
    env.put("STATUS_SERVER_ADDRESS", "127.0.0.1:" + statusPort[i]);
    env.put("RPC_ADDRESS", "127.0.0.1:" + rpcPort[i]);
    env.put("OBSERVABILITY_PROMETHEUS_PORT", Integer.toString(metricsPort[i]));
    env.put("GENERAL_ROCKS_DB_PATH", dataDir(i).toString());
    env.put("GENERAL_GENESIS_PATH", genesis.toString());
    // no L1 (port 9 has no listener): the batcher node must not settle on an anvil that happens to listen
    // on the default localhost:8545
    env.put("GENERAL_L1_RPC_URL", "http://127.0.0.1:9");
    options.faketime().ifPresent(lib -> env.putAll(clocks[i].environment(lib)));
    env.putAll(options.nodeEnv());
    return env;
  }

  /** Starts node {@code i}; refused once the cluster is closed, so an abort leaves no node behind. */
  public synchronized void start(int i) {
    if (closed) {
      throw new IllegalStateException("the cluster is closed: not starting " + name(i));
    }
    nodes[i].start();
  }

  public void startAll() {
    for (int i = 0; i < SIZE; i++) {
      start(i);
    }
  }

  public void kill(int i) {
    nodes[i].kill();
  }

  /**
   * Cuts the power of every node at once: kill -9 of each node process, then every write not yet
   * synced by fsync/fdatasync is lost (lossyfs rolls it back and remounts). The nodes stay down;
   * returns lossyfs's account of what it rolled back.
   */
  public String powerCut() {
    requireLossyFs();
    for (NodeProcess n : nodes) {
      n.kill();
    }
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      accounts.add(name(i) + " " + lossy[i].powerCut());
    }
    return String.join("; ", accounts);
  }

  /** As {@link #powerCut()}, for node {@code i} alone; the others keep running. */
  public String powerCut(int i) {
    requireLossyFs();
    nodes[i].kill();
    return name(i) + " " + lossy[i].powerCut();
  }

  private void requireLossyFs() {
    if (lossy[0] == null) {
      throw new IllegalStateException("power cuts need the nodes' data on lossyfs (ClusterOptions.lossyfs)");
    }
  }

  public void pause(int i) {
    nodes[i].pause();
  }

  public void resume(int i) {
    nodes[i].resume();
  }

  public boolean alive(int i) {
    return nodes[i].isAlive();
  }

  public NodeProcess process(int i) {
    return nodes[i];
  }

  public void partition(Set<Link> links) {
    partitions.cut(links);
  }

  public void heal() {
    partitions.healAll();
  }

  public Set<Link> cutLinks() {
    return partitions.current();
  }

  public ClockControl clock(int i) {
    return clocks[i];
  }

  public Optional<DiskControl> disk(int i) {
    return Optional.ofNullable(disks[i]);
  }

  public String rpcUrl(int i) {
    return "http://127.0.0.1:" + rpcPort[i];
  }

  public int statusPort(int i) {
    return statusPort[i];
  }

  public List<String> rpcUrls() {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      urls.add(rpcUrl(i));
    }
    return urls;
  }

  public List<String> names() {
    List<String> n = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      n.add(name(i));
    }
    return n;
  }

  public List<Integer> statusPorts() {
    List<Integer> p = new ArrayList<>();
    for (int s : statusPort) {
      p.add(s);
    }
    return p;
  }

  /** The "cluster" record of the history: who is who. */
  public ObjectNode describe(long chainId) {
    ObjectNode o = HistoryJson.JSON.createObjectNode();
    o.put("chain_id", chainId);
    var arr = o.putArray("nodes");
    for (int i = 0; i < SIZE; i++) {
      arr.addObject().put("name", name(i)).put("node_id", keys[i].nodeIdHex()).put("signer", keys[i].address().toHex())
          .put("rpc", rpcUrl(i)).put("status_port", statusPort[i]).put("raft_port", raftPort[i]);
    }
    return o;
  }

  private List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    for (NodeProcess n : nodes) {
      if (n != null && n.isAlive()) {
        pids.add(n.pid());
      }
    }
    return pids;
  }

  private Integer indexOfPid(long pid) {
    for (int i = 0; i < SIZE; i++) {
      if (nodes[i] != null && nodes[i].pid() == pid) {
        return i;
      }
    }
    return -1;
  }

  /** Copies each tmpfs-held data directory next to the logs (to keep a failing run's data). */
  private void preserveData() {
    for (int i = 0; i < SIZE; i++) {
      if (disks[i] != null) {
        Path dest = options.runDir().resolve("nodes").resolve(name(i)).resolve("db-copy");
        try {
          Files.createDirectories(dest);
          disks[i].copyTo(dest);
        } catch (IOException | UncheckedIOException e) {
          LOG.warn("could not keep {}'s data: {}", name(i), e.toString());
        }
      }
    }
  }

  /** Stops every node (SIGCONT first, then SIGTERM, SIGKILL after a grace period), proxies and mounts. */
  @Override
  public void close() {
    close(false);
  }

  /** As {@link #close()}; with {@code keepData} the nodes' tmpfs data is copied out before unmounting. */
  public synchronized void close(boolean keepData) {
    closed = true;
    for (NodeProcess n : nodes) {
      if (n != null) {
        n.stop();
      }
    }
    if (keepData) {
      preserveData();
    }
    for (RaftLinkProxy p : proxies) {
      if (p != null) {
        p.close();
      }
    }
    for (LossyFs l : lossy) {
      if (l != null) {
        try {
          l.close();
        } catch (RuntimeException e) {
          LOG.warn("unmounting lossyfs failed: {}", e.toString());
        }
      }
    }
    for (DiskControl d : disks) {
      if (d != null) {
        try {
          d.close();
        } catch (UncheckedIOException e) {
          LOG.warn("unmount failed: {}", e.toString());
        }
      }
    }
  }

  private static Path writeGenesis(ClusterOptions options) throws IOException {
    ObjectNode g = (ObjectNode) HistoryJson.JSON.readTree(options.repoRoot().resolve("local-chains/genesis.json").toFile());
    g.put("devAccounts", options.loadAccounts());
    g.put("devAccountBalance", "1000000000000000000000000");
    Path out = options.runDir().resolve("genesis.json");
    HistoryJson.JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), g);
    return out;
  }

  public static long chainId(Path repoRoot) {
    try {
      return HistoryJson.JSON.readTree(repoRoot.resolve("local-chains/genesis.json").toFile()).path("chainId").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ADVERTISED_HOST))) {
      return s.getLocalPort();
    }
  }

  /** A port free on the advertised and the bind host, above the Raft offset (so the enode port is valid). */
  private static int raftPortFreeOnBothHosts() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int p = freePort();
      if (p <= RAFT_PORT_OFFSET) {
        continue;
      }
      // the node also binds its p2p port (the enode port, Raft port - offset) and serves batch
      // signatures at its enode port + 200 (batcher.attestation_port_offset), all on BIND_HOST
      int attestation = p - RAFT_PORT_OFFSET + 200;
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName(BIND_HOST));
          ServerSocket p2p = new ServerSocket(p - RAFT_PORT_OFFSET, 1, InetAddress.getByName(BIND_HOST));
          ServerSocket a = new ServerSocket(attestation, 1, InetAddress.getByName(BIND_HOST))) {
        return p;
      } catch (IOException | IllegalArgumentException taken) {
        // try another
      }
    }
    throw new IOException("no port free on both " + ADVERTISED_HOST + " and " + BIND_HOST);
  }
}
