package dev.raftseq.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.web3j.crypto.Credentials;

/**
 * Failover time of a three-node cluster: {@code kill -9} the leader, then time until a block
 * sealed by another node is visible (the new leader's first block). The cluster is started from
 * node/target/node.jar with the seed's keys on free loopback ports and empty blocks on, so the
 * new leader seals as soon as it may. Prints p50/p99/max over N kills, and the ratio to the
 * configured maximum election timeout (the floor a Raft failover cannot beat on average).
 *
 * <p>Usage (from the repository root, after {@code mvn -DskipTests package}):
 * {@code java -cp "bench/target/classes:$(cat bench/target/cp.txt)" dev.raftseq.bench.FailoverBench [kills=20]}
 */
public final class FailoverBench {
  private static final String[] KEYS = {
    "0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308",
    "c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7",
    "8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d",
  };
  private static final int RAFT_PORT_OFFSET = 100;
  private static final Duration ELECTION_MAX = Duration.ofMillis(800);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  private final Path dir;
  private final int[] p2p = new int[3];
  private final int[] rpc = new int[3];
  private final int[] status = new int[3];
  private final String[] ids = new String[3];
  private final String[] miners = new String[3];
  private final Process[] procs = new Process[3];

  private FailoverBench(Path dir) throws IOException {
    this.dir = dir;
    for (int i = 0; i < 3; i++) {
      p2p[i] = freePort() - RAFT_PORT_OFFSET;
      rpc[i] = freePort();
      status[i] = freePort();
      Credentials c = Credentials.create(KEYS[i]);
      String pub = c.getEcKeyPair().getPublicKey().toString(16);
      ids[i] = "0".repeat(128 - pub.length()) + pub;
      miners[i] = c.getAddress().toLowerCase(Locale.ROOT);
    }
  }

  public static void main(String[] args) throws Exception {
    int kills = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path dir = Files.createTempDirectory("failover-bench");
    FailoverBench b = new FailoverBench(dir);
    try {
      b.run(kills);
    } finally {
      b.stopAll();
    }
  }

  private void run(int kills) throws Exception {
    for (int i = 0; i < 3; i++) {
      start(i);
    }
    List<Long> millis = new ArrayList<>();
    for (int k = 0; k < kills; k++) {
      // measure a healthy cluster: the node restarted last round must be up and caught up first
      awaitAllReady(Duration.ofSeconds(120));
      int leader = awaitLeader(Duration.ofSeconds(120));
      long head = blockNumber(leader);
      // both followers, so the one restarted last is not still catching up when its leader dies
      awaitHeadAbove((leader + 1) % 3, head, Duration.ofSeconds(30));
      awaitHeadAbove((leader + 2) % 3, head, Duration.ofSeconds(30));
      long headAtKill = blockNumber(leader);
      long t0 = System.nanoTime();
      procs[leader].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      long elapsed = awaitBlockNotBy(leader, headAtKill, Duration.ofSeconds(60)) - t0;
      millis.add(TimeUnit.NANOSECONDS.toMillis(elapsed));
      System.out.printf("kill %d: leader node %d, next block by another node after %d ms%n", k + 1, leader + 1,
          millis.get(millis.size() - 1));
      start(leader);
    }
    Collections.sort(millis);
    long p50 = millis.get(millis.size() / 2);
    long p99 = millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1));
    long max = millis.get(millis.size() - 1);
    String line = String.format(Locale.ROOT,
        "%s failover kill -9 leader -> first block of the new leader over %d kills: p50 %d ms, p99 %d ms, max %d ms;"
            + " p50/election_timeout_max(%d ms) = %.2f%n",
        Instant.now(), kills, p50, p99, max, ELECTION_MAX.toMillis(), (double) p50 / ELECTION_MAX.toMillis());
    System.out.print(line);
    Path out = Path.of("bench/results/failover.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, line, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }

  private void start(int i) throws IOException {
    StringBuilder boot = new StringBuilder();
    StringBuilder peerIds = new StringBuilder("[");
    for (int j = 0; j < 3; j++) {
      boot.append(j == 0 ? "" : ",").append("enode://").append(ids[j]).append("@127.0.0.1:").append(p2p[j]);
      peerIds.append(j == 0 ? "" : ",").append("\"0x").append(ids[j]).append('"');
    }
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-jar", "node/target/node.jar",
        "--config", "./local-chains/local_dev.yaml", "--config", "./local-chains/v30.2/default/config.yaml")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node" + i + ".log").toFile()));
    var env = pb.environment();
    env.put("NETWORK_ENABLED", "true");
    env.put("NETWORK_SECRET_KEY", KEYS[i]);
    env.put("NETWORK_ADDRESS", "127.0.0.1");
    env.put("NETWORK_PORT", Integer.toString(p2p[i]));
    env.put("NETWORK_BOOT_NODES", boot.toString());
    env.put("CONSENSUS_ENABLED", "true");
    env.put("CONSENSUS_BOOTSTRAP", "true");
    env.put("CONSENSUS_PEER_IDS__JSON", peerIds.append(']').toString());
    env.put("BATCHER_ENABLED", i == 0 ? "true" : "false");
    env.put("PROVER_API_ENABLED", "false");
    env.put("SEQUENCER_PRODUCE_EMPTY_BLOCKS", "true");
    env.put("STATUS_SERVER_ADDRESS", "127.0.0.1:" + status[i]);
    env.put("RPC_ADDRESS", "127.0.0.1:" + rpc[i]);
    env.put("OBSERVABILITY_PROMETHEUS_PORT", "0");
    env.put("GENERAL_ROCKS_DB_PATH", dir.resolve("db" + i).toString());
    procs[i] = pb.start();
  }

  private void stopAll() {
    for (Process p : procs) {
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }

  private int awaitLeader(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 3; i++) {
        JsonNode s = get("http://127.0.0.1:" + status[i] + "/status");
        if (procs[i].isAlive() && s != null && s.path("consensus").path("raft").path("is_leader").asBoolean()) {
          return i;
        }
      }
      LockSupport.parkNanos(20_000_000);
    }
    throw new IllegalStateException("no leader within " + timeout + "; logs in " + dir);
  }

  private void awaitAllReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (int i = 0; i < 3; i++) {
        all &= readyCode(status[i]) == 200;
      }
      if (all) {
        return;
      }
      LockSupport.parkNanos(50_000_000);
    }
    throw new IllegalStateException("cluster not ready within " + timeout + "; logs in " + dir);
  }

  private static int readyCode(int port) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status/ready"))
          .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private void awaitHeadAbove(int node, long head, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (blockNumber(node) > head) {
          return;
        }
      } catch (RuntimeException notYet) {
        // still starting
      }
      LockSupport.parkNanos(20_000_000);
    }
    throw new IllegalStateException("node " + (node + 1) + " did not pass block " + head + "; logs in " + dir);
  }

  /** Polls the survivors until one serves a latest block sealed by a node other than {@code dead}. */
  /**
   * A block above the head at the kill sealed by another node. The height matters: a survivor
   * that restarted in the previous round may still be catching up, and its latest block, sealed
   * by an earlier leader, would pass for the new leader's.
   */
  private long awaitBlockNotBy(int dead, long headAtKill, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 3; i++) {
        if (i == dead) {
          continue;
        }
        try {
          JsonNode b = call(i, "eth_getBlockByNumber", "\"latest\", false");
          if (b != null && !b.isNull() && Long.decode(b.path("number").asText()) > headAtKill
              && !miners[dead].equals(b.path("miner").asText().toLowerCase(Locale.ROOT))) {
            return System.nanoTime();
          }
        } catch (RuntimeException notYet) {
          // a survivor may be busy electing
        }
      }
      LockSupport.parkNanos(5_000_000);
    }
    throw new IllegalStateException("no block from a new leader within " + timeout + "; logs in " + dir);
  }

  private long blockNumber(int i) {
    return Long.decode(call(i, "eth_blockNumber", "").asText());
  }

  private JsonNode call(int i, String method, String params) {
    String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[" + params + "]}";
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rpc[i]))
          .timeout(Duration.ofSeconds(2)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body()).get("result");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode get(String url) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
