package dev.raftseq.rpc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A JSON-RPC client over real HTTP (java.net.http) for tests. */
public final class RpcHttpClient {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI uri;

  public RpcHttpClient(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/");
  }

  public URI uri() {
    return uri;
  }

  /** The response object of a call with id 1 and these params (each a JSON literal or a Java value). */
  public JsonNode call(String method, Object... params) {
    return parse(send(request(method, params).toString()).body());
  }

  /** The result, failing the test on an error response. */
  public JsonNode result(String method, Object... params) {
    JsonNode r = call(method, params);
    if (r.has("error") || !r.has("result")) {
      throw new AssertionError(method + " answered " + r);
    }
    return r.get("result");
  }

  public CompletableFuture<HttpResponse<String>> callAsync(String method, Object... params) {
    return http.sendAsync(post(request(method, params).toString().getBytes()), HttpResponse.BodyHandlers.ofString());
  }

  public static ObjectNode request(String method, Object... params) {
    ObjectNode req = JSON.createObjectNode();
    req.put("jsonrpc", "2.0");
    req.put("id", 1);
    req.put("method", method);
    ArrayNode p = req.putArray("params");
    for (Object o : params) {
      p.add(o instanceof JsonNode n ? n : JSON.valueToTree(o));
    }
    return req;
  }

  public HttpResponse<String> send(String body) {
    return send(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public HttpResponse<String> send(byte[] body) {
    try {
      return http.send(post(body), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest post(byte[] body) {
    return HttpRequest.newBuilder(uri)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  public HttpClient http() {
    return http;
  }

  public static JsonNode parse(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON literal parameter, e.g. {@code json("{\"to\":\"0x..\"}")}. */
  public static JsonNode json(String literal) {
    return parse(literal);
  }
}
