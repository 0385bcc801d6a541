package dev.raftseq.systest.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.types.Address;
import dev.raftseq.systest.check.AccountState;
import dev.raftseq.systest.check.ChainFiles;
import dev.raftseq.systest.history.HistoryJson;
import dev.raftseq.systest.load.JsonRpc;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a node's whole chain over its JSON-RPC (eth_getBlockByNumber with full transactions, in
 * batches) into {@link ChainFiles}, and its view of the load accounts at its head.
 */
final class ChainDownloader {
  static final int BATCH = 100;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final JsonRpc rpc = new JsonRpc();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Writes {@code <dir>/<node>.jsonl}; returns the head it read up to. */
  long download(String url, String node, Path dir) throws IOException {
    long head = JsonRpc.quantity(rpc.result(url, TIMEOUT, "eth_blockNumber"));
    try (BufferedWriter out = ChainFiles.blockWriter(dir, node)) {
      for (long from = 0; from <= head; from += BATCH) {
        for (JsonNode block : batch(url, from, Math.min(head, from + BATCH - 1))) {
          out.write(HistoryJson.JSON.writeValueAsString(block));
          out.newLine();
        }
      }
    }
    return head;
  }

  private List<JsonNode> batch(String url, long from, long to) throws IOException {
    var req = HistoryJson.JSON.createArrayNode();
    for (long n = from; n <= to; n++) {
      req.addObject().put("jsonrpc", "2.0").put("id", n).put("method", "eth_getBlockByNumber")
          .putArray("params").add("0x" + Long.toHexString(n)).add(true);
    }
    try {
      HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(req.toString())).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode arr = HistoryJson.JSON.readTree(resp.body());
      Map<Long, JsonNode> byId = new java.util.TreeMap<>();
      for (JsonNode r : arr) {
        if (!r.path("result").isObject()) {
          throw new IOException("block " + r.path("id") + " from " + url + ": " + r);
        }
        byId.put(r.path("id").asLong(), r.get("result"));
      }
      if (byId.size() != to - from + 1) {
        throw new IOException("asked " + url + " for blocks " + from + ".." + to + ", got " + byId.size());
      }
      return List.copyOf(byId.values());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Nonce and balance of each account at the node's head, read while the head stays put. */
  void downloadAccounts(String url, String node, List<Address> accounts, Path dir) throws IOException {
    for (int attempt = 0; attempt < 5; attempt++) {
      long head = JsonRpc.quantity(rpc.result(url, TIMEOUT, "eth_blockNumber"));
      Map<Address, AccountState> states = new LinkedHashMap<>();
      for (Address a : accounts) {
        long nonce = JsonRpc.quantity(rpc.result(url, TIMEOUT, "eth_getTransactionCount", a.toHex(), "latest"));
        String bal = rpc.result(url, TIMEOUT, "eth_getBalance", a.toHex(), "latest").asText();
        states.put(a, new AccountState(nonce, new BigInteger(bal.substring(2), 16)));
      }
      if (JsonRpc.quantity(rpc.result(url, TIMEOUT, "eth_blockNumber")) == head) {
        ChainFiles.writeAccounts(dir, node, head, states);
        return;
      }
    }
    throw new IOException(node + "'s head kept moving while its accounts were read");
  }
}
