package dev.raftseq.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.rpc.testing.RpcHttpClient;
import dev.raftseq.rpc.testing.Scenario;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken input over real HTTP: every request gets the right JSON-RPC code (or the
 * right HTTP status), never a 500 or a stack trace, and the server keeps serving afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RpcServerMalformedRequestsTest {
  private static final int MAX_BODY = 1024 * 1024;
  private static final String CHAIN_ID = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}";
  private static final String DEV0 = Scenario.DEV0.toHex();

  private Vertx vertx;
  private RpcServer server;
  private RpcHttpClient rpc;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
    server = new RpcServer(vertx, new RpcServerConfig("127.0.0.1", 0, MAX_BODY, 1000, 100,
        List.of("https://app.example"), 100), new Scenario().backend);
    rpc = new RpcHttpClient(server.start());
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stillServing() {
    HttpResponse<String> r = rpc.send(CHAIN_ID);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(RpcHttpClient.parse(r.body()).get("result").asText()).isEqualTo("0x539");
  }

  static Stream<Arguments> corpus() {
    String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":";
    return Stream.of(
        Arguments.of("truncated JSON", "{\"jsonrpc\":\"2.0\",", -32700),
        Arguments.of("not JSON", "hello", -32700),
        Arguments.of("empty body", "", -32700),
        Arguments.of("whitespace", " \n\t", -32700),
        Arguments.of("deeply nested", "[".repeat(100_000) + "]".repeat(100_000), -32700),
        Arguments.of("deep params", call + "\"eth_chainId\",\"params\":" + "[".repeat(500) + "]".repeat(500) + "}",
            -32700),
        Arguments.of("number too long", call + "\"eth_chainId\",\"params\":[" + "1".repeat(5000) + "]}", -32700),
        Arguments.of("trailing garbage", CHAIN_ID + "x", -32700),
        Arguments.of("scalar", "42", -32600),
        Arguments.of("no version", "{\"id\":1,\"method\":\"eth_chainId\"}", -32600),
        Arguments.of("method not a string", call + "[1]}", -32600),
        Arguments.of("unknown method", call + "\"eth_mine\"}", -32601),
        Arguments.of("params object", call + "\"eth_getBalance\",\"params\":{\"a\":1}}", -32602),
        Arguments.of("wrong types", call + "\"eth_getBalance\",\"params\":[5,true]}", -32602),
        Arguments.of("address too short", call + "\"eth_getBalance\",\"params\":[\"0x12\",\"latest\"]}", -32602),
        Arguments.of("block beyond 2^64", call + "\"eth_getBalance\",\"params\":[\"" + DEV0 + "\",\"0x"
            + "f".repeat(100) + "\"]}", -32602),
        Arguments.of("value beyond 2^256", call + "\"eth_call\",\"params\":[{\"to\":\"" + DEV0 + "\",\"value\":\"0x1"
            + "0".repeat(64) + "\"}]}", -32602),
        Arguments.of("negative quantity", call + "\"eth_getBlockByNumber\",\"params\":[\"-0x1\",false]}", -32602),
        Arguments.of("negative number", call + "\"eth_getTransactionByBlockNumberAndIndex\",\"params\":[\"0x1\",-1]}",
            -32602),
        Arguments.of("leading zero", call + "\"eth_getBlockByNumber\",\"params\":[\"0x01\",false]}", -32602),
        Arguments.of("float quantity", call + "\"eth_getBlockByNumber\",\"params\":[1.5,false]}", -32602),
        Arguments.of("missing params", call + "\"eth_getBalance\",\"params\":[]}", -32602),
        Arguments.of("extra params", call + "\"eth_blockNumber\",\"params\":[1,2]}", -32602),
        Arguments.of("null required", call + "\"eth_getBalance\",\"params\":[null,\"latest\"]}", -32602),
        Arguments.of("huge string", call + "\"eth_sendRawTransaction\",\"params\":[\"0x" + "zz".repeat(200_000)
            + "\"]}", -32602),
        Arguments.of("raw tx not hex", call + "\"eth_sendRawTransaction\",\"params\":[\"hello\"]}", -32602),
        Arguments.of("raw tx garbage", call + "\"eth_sendRawTransaction\",\"params\":[\"0xdeadbeef\"]}", -32000));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void malformedRequestsGetTheRightCode(String name, String body, int code) {
    HttpResponse<String> r = rpc.send(body);
    assertWellFormedHttp(r);
    JsonNode response = RpcHttpClient.parse(r.body());
    assertThat(response.isObject()).as(r.body()).isTrue();
    assertThat(response.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(response.get("error").get("code").asInt()).as(r.body()).isEqualTo(code);
    assertThat(response.has("result")).isFalse();
  }

  @Test
  void nonUtf8BytesAreAParseError() {
    byte[] body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[\"\u00ff\"]}"
        .getBytes(StandardCharsets.ISO_8859_1);
    HttpResponse<String> r = rpc.send(body);
    assertWellFormedHttp(r);
    assertThat(RpcHttpClient.parse(r.body()).get("error").get("code").asInt()).isEqualTo(-32700);
    HttpResponse<String> r2 = rpc.send(new byte[] {(byte) 0xc3, (byte) 0x28, 0x7b, 0x7d});
    assertThat(RpcHttpClient.parse(r2.body()).get("error").get("code").asInt()).isEqualTo(-32700);
  }

  @Test
  void arrayOfNonObjectsGetsAnInvalidRequestEach() {
    JsonNode r = RpcHttpClient.parse(rpc.send("[1, \"a\", [], true, " + CHAIN_ID + "]").body());
    assertThat(r).hasSize(5);
    for (int i = 0; i < 4; i++) {
      assertThat(r.get(i).get("error").get("code").asInt()).isEqualTo(-32600);
      assertThat(r.get(i).get("id").isNull()).isTrue();
    }
    assertThat(r.get(4).get("result").asText()).isEqualTo("0x539");
  }

  @Test
  void emptyBatchIsOneError() {
    JsonNode r = RpcHttpClient.parse(rpc.send("[]").body());
    assertThat(r.get("error").get("code").asInt()).isEqualTo(-32600);
    assertThat(r.get("error").get("message").asText()).isEqualTo("empty batch");
  }

  @Test
  void tenThousandElementBatchIsOneBatchTooLargeError() {
    String batch = "[" + String.join(",", java.util.Collections.nCopies(10_000, CHAIN_ID)) + "]";
    HttpResponse<String> r = rpc.send(batch);
    assertWellFormedHttp(r);
    JsonNode body = RpcHttpClient.parse(r.body());
    assertThat(body).hasSize(1);
    assertThat(body.get(0).get("error").get("code").asInt()).isEqualTo(-32600);
    assertThat(body.get(0).get("error").get("message").asText()).isEqualTo("batch too large");
    assertThat(body.get(0).get("id").asInt()).isEqualTo(1);
  }

  @Test
  void batchAtTheLimitIsServed() {
    List<String> calls = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      calls.add("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"eth_blockNumber\"}");
    }
    JsonNode body = RpcHttpClient.parse(rpc.send("[" + String.join(",", calls) + "]").body());
    assertThat(body).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(body.get(i).get("id").asInt()).isEqualTo(i);
      assertThat(body.get(i).get("result").asText()).isEqualTo("0x3");
    }
  }

  @Test
  void notificationsOnlyGetAnEmptyAnswer() {
    HttpResponse<String> r = rpc.send("{\"jsonrpc\":\"2.0\",\"method\":\"eth_chainId\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void oversizeBodyIsHttp413() {
    HttpResponse<String> r = rpc.send("[" + " ".repeat(MAX_BODY) + "]");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).doesNotContain("Exception");
  }

  @Test
  void oversizeDeclaredLengthIsRefusedBeforeTheBodyArrives() throws IOException {
    try (Socket s = new Socket("127.0.0.1", rpc.uri().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
          + 100_000_000 + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void anyContentTypeIsReadAsJson() throws Exception {
    // curl -d sends form encoding unless told otherwise; the body is still the JSON-RPC message
    for (String type : List.of("application/x-www-form-urlencoded", "text/plain", "application/json; charset=utf-8")) {
      HttpResponse<String> r = rpc.http().send(HttpRequest.newBuilder(rpc.uri()).header("Content-Type", type)
          .POST(HttpRequest.BodyPublishers.ofString(CHAIN_ID)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(RpcHttpClient.parse(r.body()).get("result").asText()).as(type).isEqualTo("0x539");
    }
    HttpResponse<String> none = rpc.http().send(HttpRequest.newBuilder(rpc.uri())
        .POST(HttpRequest.BodyPublishers.ofString(CHAIN_ID)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(RpcHttpClient.parse(none.body()).get("result").asText()).isEqualTo("0x539");
  }

  @Test
  void otherMethodsAndPathsAreNotServed() throws Exception {
    HttpResponse<String> get = rpc.http().send(HttpRequest.newBuilder(rpc.uri()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    HttpResponse<String> other = rpc.http().send(
        HttpRequest.newBuilder(URI.create(rpc.uri() + "admin")).POST(HttpRequest.BodyPublishers.ofString(CHAIN_ID))
            .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(other.statusCode()).isEqualTo(404);
  }

  @Test
  void corsAllowsConfiguredOriginsOnly() throws Exception {
    HttpResponse<String> preflight = rpc.http().send(HttpRequest.newBuilder(rpc.uri())
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://app.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");

    HttpResponse<String> allowed = rpc.http().send(HttpRequest.newBuilder(rpc.uri())
        .header("Origin", "https://app.example").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(CHAIN_ID)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");

    HttpResponse<String> denied = rpc.http().send(HttpRequest.newBuilder(rpc.uri())
        .header("Origin", "https://evil.example").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(CHAIN_ID)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(denied.statusCode()).isEqualTo(403);
  }

  @Test
  void connectionsOverTheLimitAreClosed() throws Exception {
    Vertx v = Vertx.vertx();
    RpcServer limited = new RpcServer(v, new RpcServerConfig("127.0.0.1", 0, MAX_BODY, 10, 2, List.of(), 10),
        new Scenario().backend);
    int port = limited.start();
    Socket a = new Socket("127.0.0.1", port);
    Socket b = new Socket("127.0.0.1", port);
    try {
      Poll.until(() -> limited.openConnections() == 2);
      try (Socket c = new Socket("127.0.0.1", port)) {
        c.setSoTimeout(10_000);
        c.getOutputStream().write(httpPost(CHAIN_ID));
        assertThat(readAll(c.getInputStream())).as("refused: closed without an answer").isEmpty();
      }
      a.close();
      Poll.until(() -> limited.openConnections() == 1);
      try (Socket d = new Socket("127.0.0.1", port)) {
        d.setSoTimeout(10_000);
        d.getOutputStream().write(httpPost(CHAIN_ID));
        String answer = new String(d.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        assertThat(answer).isEqualTo("HTTP/1.1 200");
      }
    } finally {
      a.close();
      b.close();
      limited.close();
      v.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static byte[] httpPost(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return ("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + b.length
        + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0]; // a reset connection is a refusal too
    }
  }

  private static void assertWellFormedHttp(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
