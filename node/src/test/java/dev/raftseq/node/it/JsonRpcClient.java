package dev.raftseq.node.it;

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
import java.util.concurrent.atomic.AtomicLong;

/** A minimal JSON-RPC client for process tests (the node under test is the real thing). */
final class JsonRpcClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI uri;
  private final AtomicLong ids = new AtomicLong();

  JsonRpcClient(String url) {
    this.uri = URI.create(url);
  }

  String url() {
    return uri.toString();
  }

  /** The whole response object (result or error). */
  JsonNode call(String method, Object... params) {
    ObjectNode req = JSON.createObjectNode();
    req.put("jsonrpc", "2.0");
    req.put("id", ids.incrementAndGet());
    req.put("method", method);
    ArrayNode p = req.putArray("params");
    for (Object o : params) {
      p.add(JSON.valueToTree(o));
    }
    return post(req.toString(), Duration.ofSeconds(20));
  }

  /** The result, failing on a JSON-RPC error. */
  JsonNode result(String method, Object... params) {
    JsonNode r = call(method, params);
    if (r.has("error")) {
      throw new IllegalStateException(method + " failed: " + r.get("error"));
    }
    return r.get("result");
  }

  JsonNode post(String body, Duration timeout) {
    try {
      HttpResponse<String> resp = HTTP.send(
          HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(resp.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static long quantity(JsonNode n) {
    return Long.parseLong(n.asText().substring(2), 16);
  }
}
