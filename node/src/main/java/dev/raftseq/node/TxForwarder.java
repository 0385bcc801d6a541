package dev.raftseq.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An external node's eth_sendRawTransaction: the raw bytes go unchanged to the main nodes'
 * JSON-RPC ({@code general.main_node_rpc_url}, tried in order starting with the last one that
 * answered). A connection failure, a timeout, an answer that is not JSON-RPC, or "node is not
 * accepting transactions" (a consensus node that cannot reach a leader) moves on to the next URL;
 * any other answer, a hash or an error, is the main node's and is returned as it is.
 */
final class TxForwarder {
  private static final Logger LOG = LoggerFactory.getLogger(TxForwarder.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The prefix of every answer of a node that cannot take transactions now (TxRejection.NOT_SERVING). */
  static final String NOT_SERVING = TxRejection.NOT_SERVING.message();
  static final Duration NONCE_TIMEOUT = Duration.ofSeconds(2);

  private final String nodeTag;
  private final List<URI> urls;
  private final Duration timeout;
  private final Duration budget;
  private final HttpClient http;
  private final AtomicInteger preferred = new AtomicInteger();
  private final Counter failovers;
  private final Counter answered;
  private final Counter unanswered;

  /**
   * @param timeout per attempt (connect and answer): longer than a main node's own wait for the commit,
   *     so its answer arrives
   * @param budget all attempts together: under the RPC request timeout, so the client gets our answer
   */
  TxForwarder(String nodeTag, List<URI> urls, Duration timeout, Duration budget, MeterRegistry registry) {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("no main node URL");
    }
    this.nodeTag = nodeTag;
    this.urls = List.copyOf(urls);
    this.timeout = timeout;
    this.budget = budget;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    this.failovers = Counter.builder("external.forward.failovers")
        .description("forwarded transactions moved on to the next main node URL").register(registry);
    this.answered = Counter.builder("external.forward.transactions").tag("outcome", "answered")
        .description("transactions forwarded to a main node, by whether one answered").register(registry);
    this.unanswered = Counter.builder("external.forward.transactions").tag("outcome", "no_main_node")
        .register(registry);
  }

  /**
   * Completes with the hash the main node answered, or exceptionally with an
   * {@link dev.raftseq.rpc.jsonrpc.RpcException} carrying its error, or a {@link TxRejectedException}
   * ({@code NOT_SERVING}) when no URL took it.
   */
  CompletableFuture<Hash> forward(byte[] raw) {
    ObjectNode req = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", "eth_sendRawTransaction");
    req.putArray("params").add(Hex.encode(raw));
    String body = req.toString();
    int start = preferred.get();
    return attempt(body, start, 0, new ArrayList<>(), System.nanoTime() + budget.toNanos());
  }

  private CompletableFuture<Hash> attempt(String body, int start, int tried, List<String> failures, long deadline) {
    long left = deadline - System.nanoTime();
    if (tried == urls.size() || left <= 0) {
      if (tried < urls.size()) {
        failures.add("no time left to try " + (urls.size() - tried) + " more");
      }
      unanswered.increment();
      return CompletableFuture.failedFuture(new TxRejectedException(TxRejection.NOT_SERVING,
          "no main node took the transaction: " + String.join("; ", failures)));
    }
    int index = (start + tried) % urls.size();
    URI url = urls.get(index);
    Duration attemptTimeout = Duration.ofNanos(Math.min(timeout.toNanos(), left));
    HttpRequest request = HttpRequest.newBuilder(url).timeout(attemptTimeout).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((resp, error) -> {
      Answer a = error != null ? Answer.retry(describe(error)) : interpret(resp);
      if (a.retryReason != null) {
        failures.add(url + ": " + a.retryReason);
        failovers.increment();
        LOG.info("[{}] forwarding a transaction to {} failed ({}); trying the next main node", nodeTag, url,
            a.retryReason);
        return attempt(body, start, tried + 1, failures, deadline);
      }
      preferred.set(index);
      answered.increment();
      if (a.error != null) {
        return CompletableFuture.<Hash>failedFuture(a.error.toException());
      }
      return CompletableFuture.completedFuture(a.hash);
    }).thenCompose(f -> f);
  }

  /**
   * The main nodes' "pending" nonce of {@code sender}: their committed set holds what this node
   * forwarded and has not seen included yet. Empty when no main node answers within
   * {@link #NONCE_TIMEOUT} each. Blocks the calling (worker) thread.
   */
  OptionalLong pendingNonce(Address sender) {
    ObjectNode req = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1).put("method", "eth_getTransactionCount");
    req.putArray("params").add(sender.toString()).add("pending");
    String body = req.toString();
    int start = preferred.get();
    for (int tried = 0; tried < urls.size(); tried++) {
      URI url = urls.get((start + tried) % urls.size());
      try {
        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(url).timeout(NONCE_TIMEOUT)
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        JsonNode result = JSON.readTree(resp.body()).path("result");
        if (result.isTextual() && result.asText().startsWith("0x")) {
          return OptionalLong.of(Long.parseUnsignedLong(result.asText().substring(2), 16));
        }
      } catch (IOException | RuntimeException e) {
        LOG.debug("[{}] pending nonce from {}: {}", nodeTag, url, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /** What one main node answered: a hash, its error, or a reason to try the next. */
  private record Answer(Hash hash, RpcError error, String retryReason) {
    static Answer retry(String why) {
      return new Answer(null, null, why);
    }
  }

  static Answer interpret(HttpResponse<String> resp) {
    JsonNode json;
    try {
      json = JSON.readTree(resp.body());
    } catch (IOException e) {
      return Answer.retry("HTTP " + resp.statusCode() + " without a JSON-RPC answer");
    }
    if (json == null || !json.isObject()) {
      return Answer.retry("HTTP " + resp.statusCode() + " without a JSON-RPC answer");
    }
    JsonNode result = json.get("result");
    if (result != null && result.isTextual()) {
      try {
        return new Answer(Hash.fromHex(result.asText()), null, null);
      } catch (IllegalArgumentException e) {
        return Answer.retry("result is not a transaction hash: " + result.asText());
      }
    }
    JsonNode err = json.get("error");
    if (err == null || !err.isObject() || !err.path("message").isTextual()) {
      return Answer.retry("HTTP " + resp.statusCode() + " without a result or an error");
    }
    String message = err.get("message").asText();
    int code = err.path("code").asInt(RpcErrorCode.SERVER_ERROR.code());
    if (code == RpcErrorCode.SERVER_ERROR.code() && message.startsWith(NOT_SERVING)) {
      return Answer.retry(message);
    }
    return new Answer(null, new RpcError(errorCode(code), message, err.get("data")), null);
  }

  /** The main node answers only codes this server knows; anything else keeps its text as -32000. */
  private static RpcErrorCode errorCode(int code) {
    for (RpcErrorCode c : RpcErrorCode.values()) {
      if (c.code() == code) {
        return c;
      }
    }
    return RpcErrorCode.SERVER_ERROR;
  }

  private static String describe(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return Optional.ofNullable(cause.getMessage()).map(m -> cause.getClass().getSimpleName() + ": " + m)
        .orElse(cause.getClass().getSimpleName());
  }
}
