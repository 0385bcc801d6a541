package dev.raftseq.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.genesis.DevKeys;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.crypto.Credentials;

/**
 * Transfers from many dev accounts into a cluster, each sender sending its next nonce only once the
 * previous one was acknowledged; an answer that does not say (a timeout, a reset connection, "not
 * committed") is retried with the very same bytes, as a careful client would. Every acknowledged hash
 * is recorded, for the check that each is included exactly once.
 */
final class AckedTransferLoad implements AutoCloseable {
  static final String TO = "0x2222222222222222222222222222222222222222";

  private final Set<String> acked = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger unknownAnswers = new AtomicInteger();
  private final ExecutorService pool;
  private final List<Future<?>> senders = new ArrayList<>();

  /** Starts {@code senders} senders (dev accounts from {@link DevKeys#WELL_KNOWN}) sending to random live nodes. */
  AckedTransferLoad(ClusterFixture c, long chainId, int senderCount) {
    pool = Executors.newFixedThreadPool(Math.min(8, senderCount));
    for (int s = 0; s < senderCount; s++) {
      Credentials from = Credentials.create(org.web3j.utils.Numeric.toHexString(DevKeys.privateKey(DevKeys.WELL_KNOWN + s)));
      senders.add(pool.submit(() -> send(c, chainId, from)));
    }
  }

  Set<String> acked() {
    return acked;
  }

  int unknownAnswers() {
    return unknownAnswers.get();
  }

  /** Stops sending and waits for every sender to finish its current request. */
  @Override
  public void close() throws Exception {
    stop.set(true);
    try {
      for (Future<?> f : senders) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private void send(ClusterFixture c, long chainId, Credentials from) {
    long nonce = 0;
    String raw = null;
    while (!stop.get()) {
      if (raw == null) {
        raw = Transfers.eip1559(chainId, from, nonce, TO, BigInteger.ONE);
      }
      int node = ThreadLocalRandom.current().nextInt(c.size());
      if (!c.alive(node)) {
        continue;
      }
      JsonNode r;
      try {
        r = c.rpc(node).call("eth_sendRawTransaction", raw);
      } catch (RuntimeException e) {
        unknownAnswers.incrementAndGet();
        continue; // connection refused or reset by a killed node: same bytes again
      }
      if (r.has("result")) {
        acked.add(r.get("result").asText());
        nonce++;
        raw = null;
        continue;
      }
      String message = r.path("error").path("message").asText();
      if (message.startsWith("already known") || message.startsWith("nonce too low")) {
        // an earlier attempt with these bytes committed after all: its hash is acknowledged by the chain
        nonce++;
        raw = null;
      } else {
        unknownAnswers.incrementAndGet(); // not committed (yet): try again
      }
    }
  }

  /** Whether every node of {@code nodes} has a receipt for every hash. */
  static boolean includedEverywhere(List<JsonRpcClient> nodes, Set<String> hashes) {
    for (JsonRpcClient rpc : nodes) {
      for (String h : hashes) {
        if (rpc.result("eth_getTransactionReceipt", h).isNull()) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Every node has the same block at every height up to the first node's head, the hash chain is
   * unbroken and no transaction is included twice; returns each included transaction's block.
   */
  static Map<String, Long> assertSameChainsWithoutDuplicates(List<JsonRpcClient> nodes) {
    long head = JsonRpcClient.quantity(nodes.get(0).result("eth_blockNumber"));
    Map<String, Long> seen = new HashMap<>();
    String parent = null;
    for (long h = 0; h <= head; h++) {
      String tag = "0x" + Long.toHexString(h);
      JsonNode b0 = nodes.get(0).result("eth_getBlockByNumber", tag, false);
      for (int i = 1; i < nodes.size(); i++) {
        assertThat(nodes.get(i).result("eth_getBlockByNumber", tag, false).get("hash").asText())
            .as("block %d on node %d", h, i + 1).isEqualTo(b0.get("hash").asText());
      }
      if (parent != null) {
        assertThat(b0.get("parentHash").asText()).as("hash chain at %d", h).isEqualTo(parent);
      }
      parent = b0.get("hash").asText();
      for (JsonNode tx : b0.get("transactions")) {
        assertThat(seen.put(tx.asText(), h)).as("%s included twice", tx.asText()).isNull();
      }
    }
    return seen;
  }

  /** Waits until every node serves the same head and every acknowledged transfer is included on each. */
  static void awaitSameHeadWithAll(ClusterFixture c, List<JsonRpcClient> nodes, Set<String> acked, Duration timeout) {
    Poll.until(timeout, "every node at the same head with every acknowledged transfer", () -> {
      String head = null;
      for (int i = 0; i < nodes.size(); i++) {
        JsonNode s = c.status(i);
        if (s == null) {
          return false;
        }
        String h = s.path("head").path("hash").asText();
        if (head != null && !head.equals(h)) {
          return false;
        }
        head = h;
      }
      return includedEverywhere(nodes, acked);
    });
  }
}
