package dev.raftseq.batcher.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** anvil's own RPC methods (mining control) for tests. */
public final class AnvilRpc {
  private AnvilRpc() {}

  public static String call(Anvil anvil, String method, String paramsJson) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(anvil.url()))
        .timeout(Duration.ofSeconds(10))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}"))
        .build();
    String body = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body();
    if (body.contains("\"error\"")) {
      throw new IOException(method + " failed: " + body);
    }
    return body;
  }
}
