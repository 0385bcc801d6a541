package dev.raftseq.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.web3j.crypto.Hash;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction2930;
import org.web3j.utils.Numeric;

/**
 * A tiny JSON-RPC node on a real loopback socket, standing in for the real node in tests of the load
 * generator: it checks signatures, chain id and nonces like a node would and seals the pending
 * transactions into a block whenever the head is polled and {@code blockIntervalNanos} has passed.
 */
final class FakeNode implements AutoCloseable {
  static final long CHAIN_ID = 31337;
  static final BigInteger START_NONCE = BigInteger.valueOf(5);

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final long blockIntervalNanos;
  private final boolean mines;
  private final Map<String, String> rejectSenders;
  private final Set<String> seenSenderNonces = new HashSet<>();
  private final Map<String, BigInteger> accepted = new HashMap<>();
  private final List<List<String>> blocks = new ArrayList<>();
  private final List<String> pending = new ArrayList<>();
  private long lastBlockAt = System.nanoTime();

  /** {@code rejectSenders}: address (lower case) → error message for every tx from it. */
  FakeNode(long blockIntervalMillis, boolean mines, Map<String, String> rejectSenders) throws IOException {
    this.blockIntervalNanos = blockIntervalMillis * 1_000_000;
    this.mines = mines;
    this.rejectSenders = Map.copyOf(rejectSenders);
    this.blocks.add(List.of()); // genesis
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Transactions accepted so far, per sender: how many. */
  synchronized Map<String, BigInteger> acceptedPerSender() {
    return Map.copyOf(accepted);
  }

  synchronized int includedCount() {
    return blocks.stream().mapToInt(List::size).sum();
  }

  private void handle(HttpExchange ex) throws IOException {
    String answer;
    try {
      JsonNode req = json.readTree(ex.getRequestBody().readAllBytes());
      if (req.isArray()) {
        com.fasterxml.jackson.databind.node.ArrayNode all = json.createArrayNode();
        req.forEach(r -> all.add(answer(r)));
        answer = all.toString();
      } else {
        answer = answer(req).toString();
      }
    } catch (IOException | RuntimeException e) {
      ObjectNode res = json.createObjectNode();
      res.put("jsonrpc", "2.0");
      error(res, -32700, "parse error: " + e);
      answer = res.toString();
    }
    byte[] out = answer.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  private ObjectNode answer(JsonNode req) {
    ObjectNode res = json.createObjectNode();
    res.put("jsonrpc", "2.0");
    try {
      res.set("id", req.get("id"));
      JsonNode params = req.path("params");
      synchronized (this) {
        switch (req.path("method").asText()) {
          case "eth_chainId" -> res.put("result", "0x" + Long.toHexString(CHAIN_ID));
          case "eth_gasPrice" -> res.put("result", "0x3b9aca00");
          case "eth_getTransactionCount" -> res.put("result", "0x" + START_NONCE.toString(16));
          case "eth_blockNumber" -> {
            maybeSeal();
            res.put("result", "0x" + Integer.toHexString(blocks.size() - 1));
          }
          case "eth_getBlockByNumber" -> {
            int n = Integer.parseInt(params.get(0).asText().substring(2), 16);
            if (n < blocks.size()) {
              ObjectNode b = res.putObject("result");
              b.put("number", params.get(0).asText());
              blocks.get(n).forEach(b.putArray("transactions")::add);
            } else {
              res.putNull("result");
            }
          }
          case "eth_sendRawTransaction" -> sendRaw(params.get(0).asText(), res);
          default -> error(res, -32601, "method not found");
        }
      }
    } catch (RuntimeException e) {
      error(res, -32602, "bad request: " + e);
    }
    return res;
  }

  private void sendRaw(String rawHex, ObjectNode res) {
    SignedRawTransaction tx = (SignedRawTransaction) TransactionDecoder.decode(rawHex);
    String from;
    try {
      from = tx.getFrom();
    } catch (java.security.SignatureException e) {
      error(res, -32000, "invalid signature");
      return;
    }
    Long chainId = chainId(tx);
    if (chainId == null || chainId != CHAIN_ID) {
      error(res, -32000, "invalid chain id " + chainId);
      return;
    }
    if (rejectSenders.containsKey(from)) {
      error(res, -32000, rejectSenders.get(from));
      return;
    }
    if (tx.getNonce().compareTo(START_NONCE) < 0 || !seenSenderNonces.add(from + "/" + tx.getNonce())) {
      error(res, -32000, "nonce too low: " + tx.getNonce());
      return;
    }
    accepted.merge(from, BigInteger.ONE, BigInteger::add);
    String hash = Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(rawHex)));
    pending.add(hash);
    res.put("result", hash);
  }

  /** Legacy: from v (EIP-155); typed envelopes carry it as a field, which web3j keeps elsewhere. */
  static Long chainId(SignedRawTransaction tx) {
    return tx.getTransaction() instanceof Transaction2930 t ? Long.valueOf(t.getChainId()) : tx.getChainId();
  }

  private void maybeSeal() {
    long now = System.nanoTime();
    if (mines && !pending.isEmpty() && now - lastBlockAt >= blockIntervalNanos) {
      blocks.add(List.copyOf(pending));
      pending.clear();
      lastBlockAt = now;
    }
  }

  private static void error(ObjectNode res, int code, String message) {
    res.remove("result");
    ObjectNode e = res.putObject("error");
    e.put("code", code);
    e.put("message", message);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
