package dev.raftseq.node.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The admin API as an operator's curl would call it. */
final class AdminClient {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** A response: its HTTP status and JSON body (null when the body is not JSON). */
  record Reply(int status, JsonNode body) {
    String field(String name) {
      return body == null || !body.hasNonNull(name) ? null : body.get(name).asText();
    }
  }

  private AdminClient() {}

  /** {@code token} null sends no Authorization header. */
  static Reply send(int port, String method, String path, String jsonBody, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(90))
        .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (jsonBody != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = JsonRpcClient.JSON.readTree(r.body());
      } catch (IOException e) {
        body = null;
      }
      return new Reply(r.statusCode(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Reply post(int port, String path, String jsonBody) {
    return send(port, "POST", path, jsonBody, ClusterFixture.ADMIN_TOKEN);
  }
}
