package dev.raftseq.systest.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.systest.history.HistoryJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A small JSON-RPC 2.0 client over HTTP; transport failures surface as IOExceptions. */
public final class JsonRpc {
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();

  public JsonRpc() {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** The whole response object, which holds either result or error. */
  public JsonNode call(String url, Duration timeout, String method, Object... params) throws IOException {
    ObjectNode req = HistoryJson.JSON.createObjectNode();
    req.put("jsonrpc", "2.0");
    req.put("id", ids.incrementAndGet());
    req.put("method", method);
    ArrayNode p = req.putArray("params");
    for (Object o : params) {
      p.add(HistoryJson.JSON.valueToTree(o));
    }
    HttpRequest httpReq = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(req.toString())).build();
    try {
      HttpResponse<String> resp = http.send(httpReq, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        throw new IOException("HTTP " + resp.statusCode() + ": " + resp.body());
      }
      return HistoryJson.JSON.readTree(resp.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The result; a JSON-RPC error becomes an IOException with its message. */
  public JsonNode result(String url, Duration timeout, String method, Object... params) throws IOException {
    JsonNode r = call(url, timeout, method, params);
    if (r.has("error")) {
      throw new IOException(method + ": " + r.get("error"));
    }
    return r.path("result");
  }

  /** One batch request calling {@code method} once per params array; the responses in request order. */
  public java.util.List<JsonNode> batch(String url, Duration timeout, String method, java.util.List<Object[]> calls)
      throws IOException {
    ArrayNode req = HistoryJson.JSON.createArrayNode();
    for (int i = 0; i < calls.size(); i++) {
      ObjectNode r = req.addObject().put("jsonrpc", "2.0").put("id", i).put("method", method);
      ArrayNode p = r.putArray("params");
      for (Object o : calls.get(i)) {
        p.add(HistoryJson.JSON.valueToTree(o));
      }
    }
    HttpRequest httpReq = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(req.toString())).build();
    try {
      HttpResponse<String> resp = http.send(httpReq, HttpResponse.BodyHandlers.ofString());
      JsonNode arr = HistoryJson.JSON.readTree(resp.body());
      if (resp.statusCode() != 200 || !arr.isArray() || arr.size() != calls.size()) {
        throw new IOException("batch of " + calls.size() + " " + method + " to " + url + ": HTTP " + resp.statusCode());
      }
      JsonNode[] out = new JsonNode[calls.size()];
      for (JsonNode r : arr) {
        out[r.path("id").asInt()] = r;
      }
      return java.util.Arrays.asList(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  public static long quantity(JsonNode n) {
    String s = n.asText();
    return Long.parseLong(s.startsWith("0x") ? s.substring(2) : s, 16);
  }
}
