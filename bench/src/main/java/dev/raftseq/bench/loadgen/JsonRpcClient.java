package dev.raftseq.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Minimal asynchronous Ethereum JSON-RPC client over Vert.x's HTTP/1.1 client on two event loops:
 * at most {@value #CONNECTIONS} keep-alive connections per endpoint, one request in flight on each
 * (a server answers a connection's requests in order, so pipelining would only queue them there), so
 * a load generator at thousands of requests per second neither opens a connection per request nor
 * runs into the server's connection limit of 1,000; requests beyond the pool wait their turn, which an
 * open-loop run counts in their latency. Every failure surfaces as an {@link RpcException} whose message
 * names the kind of failure. Only loopback endpoints are accepted.
 */
public final class JsonRpcClient implements AutoCloseable {
  static final int CONNECTIONS = 256;

  private final ObjectMapper json = new ObjectMapper();
  private final Vertx vertx;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final AtomicLong ids = new AtomicLong();

  public JsonRpcClient(Duration requestTimeout) {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
    this.http = vertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setKeepAlive(true)
        .setMaxPoolSize(CONNECTIONS)
        .setMaxWaitQueueSize(-1)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis())));
    this.requestTimeout = requestTimeout;
  }

  /** POSTs {@code body} to {@code endpoint}; completes with (status, body) or an {@link RpcException}. */
  private CompletableFuture<HttpResponseText> post(URI endpoint, String body) {
    int port = endpoint.getPort() > 0 ? endpoint.getPort() : 80;
    String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(endpoint.getHost()).setPort(port)
        .setURI(path).setTimeout(requestTimeout.toMillis()).putHeader("Content-Type", "application/json");
    CompletableFuture<HttpResponseText> out = new CompletableFuture<>();
    http.request(options)
        .compose(req -> req.send(body).compose(resp -> resp.body().map(b -> new HttpResponseText(resp.statusCode(),
            b.toString(StandardCharsets.UTF_8)))))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            out.complete(ar.result());
          } else {
            out.completeExceptionally(describe(ar.cause()));
          }
        });
    return out;
  }

  private record HttpResponseText(int status, String body) {}

  /** Calls {@code method} with {@code params} (strings, numbers, booleans); completes with "result". */
  public CompletableFuture<JsonNode> callAsync(URI endpoint, String method, Object... params) {
    LoopbackEndpoints.requireLoopback(endpoint.toString());
    ObjectNode body = json.createObjectNode();
    body.put("jsonrpc", "2.0");
    body.put("id", ids.incrementAndGet());
    body.put("method", method);
    ArrayNode ps = body.putArray("params");
    for (Object p : params) {
      ps.addPOJO(p);
    }
    return post(endpoint, body.toString())
        .handle((response, error) -> {
          if (error != null) {
            throw new CompletionException(describe(error));
          }
          return parseResponse(json, response.status(), response.body());
        });
  }

  /** One answer of a batch: its result, or the error message when the call failed. */
  public record BatchAnswer(JsonNode result, String error) {
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * Calls {@code method} once per parameter list in one JSON-RPC batch request; completes with the
   * answers in the order of {@code paramsPerCall} (matched by id), or exceptionally with an
   * {@link RpcException} when the request as a whole failed.
   */
  public CompletableFuture<List<BatchAnswer>> batchAsync(URI endpoint, String method, List<List<Object>> paramsPerCall) {
    LoopbackEndpoints.requireLoopback(endpoint.toString());
    ArrayNode body = json.createArrayNode();
    long firstId = ids.getAndAdd(paramsPerCall.size()) + 1;
    for (int i = 0; i < paramsPerCall.size(); i++) {
      ObjectNode call = body.addObject();
      call.put("jsonrpc", "2.0");
      call.put("id", firstId + i);
      call.put("method", method);
      ArrayNode ps = call.putArray("params");
      for (Object p : paramsPerCall.get(i)) {
        ps.addPOJO(p);
      }
    }
    return post(endpoint, body.toString())
        .handle((response, error) -> {
          if (error != null) {
            throw new CompletionException(describe(error));
          }
          return parseBatch(json, response.status(), response.body(), firstId, paramsPerCall.size());
        });
  }

  static List<BatchAnswer> parseBatch(ObjectMapper json, int status, String body, long firstId, int n) {
    if (status != 200) {
      throw new RpcException("http status " + status);
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw new RpcException("response is not JSON");
    }
    if (node == null || !node.isArray()) {
      throw new RpcException("batch response is not an array");
    }
    BatchAnswer[] answers = new BatchAnswer[n];
    for (JsonNode a : node) {
      long i = a.path("id").asLong(-1) - firstId;
      if (i < 0 || i >= n) {
        continue;
      }
      JsonNode error = a.get("error");
      answers[(int) i] = error != null && !error.isNull()
          ? new BatchAnswer(null, "rpc error " + error.path("code").asText("?") + ": " + error.path("message").asText(""))
          : new BatchAnswer(a.get("result"), null);
    }
    List<BatchAnswer> out = new java.util.ArrayList<>(n);
    for (BatchAnswer a : answers) {
      out.add(a != null ? a : new BatchAnswer(null, "no answer for this call in the batch response"));
    }
    return out;
  }

  /** Blocking form of {@link #callAsync}, for setup and polling. */
  public JsonNode call(URI endpoint, String method, Object... params) {
    try {
      return callAsync(endpoint, method, params).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RpcException r ? r : new RpcException(String.valueOf(e.getCause()));
    }
  }

  /** {@code call} for methods whose result is a hex quantity. */
  public BigInteger callQuantity(URI endpoint, String method, Object... params) {
    JsonNode r = call(endpoint, method, params);
    return parseQuantity(method, r);
  }

  static BigInteger parseQuantity(String what, JsonNode r) {
    String s = r.isTextual() ? r.asText() : "";
    if (!s.startsWith("0x") || s.length() < 3 || s.length() > 66) {
      throw new RpcException(what + " returned " + r + ", not a hex quantity");
    }
    try {
      return new BigInteger(s.substring(2), 16);
    } catch (NumberFormatException e) {
      throw new RpcException(what + " returned " + r + ", not a hex quantity");
    }
  }

  /**
   * The "result" of a JSON-RPC response with HTTP status {@code status} and body {@code body}; any
   * other shape (error object, bad status, not JSON) becomes an {@link RpcException}.
   */
  static JsonNode parseResponse(ObjectMapper json, int status, String body) {
    if (status != 200) {
      throw new RpcException("http status " + status);
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (IOException e) {
      throw new RpcException("response is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new RpcException("response is not a JSON-RPC object");
    }
    JsonNode error = node.get("error");
    if (error != null && !error.isNull()) {
      throw new RpcException("rpc error " + error.path("code").asText("?") + ": " + error.path("message").asText(""));
    }
    if (!node.has("result")) {
      throw new RpcException("response has neither result nor error");
    }
    return node.get("result");
  }

  private static RpcException describe(Throwable error) {
    Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (e instanceof RpcException r) {
      return r;
    }
    if (e instanceof java.util.concurrent.TimeoutException || e instanceof io.vertx.core.http.StreamResetException
        || (e.getMessage() != null && e.getMessage().contains("timeout"))) {
      return new RpcException("timeout: " + e.getMessage());
    }
    String msg = e.getMessage() == null ? "" : ": " + e.getMessage();
    // name the standard exception, not the transport's subclass of it (Vert.x annotates connect failures)
    String kind = e instanceof java.net.ConnectException ? "ConnectException" : e.getClass().getSimpleName();
    return new RpcException("io " + kind + msg);
  }

  @Override
  public void close() {
    http.close();
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
        .exceptionally(e -> null).join();
  }
}
