package dev.raftseq.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.rpc.testing.RpcHttpClient;
import dev.raftseq.rpc.testing.Scenario;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON-RPC edge's limits over real HTTP and WebSocket: response size, call and body
 * timeouts, idle connections, the memory budget of request bodies, eth_getLogs' result count and
 * per-client request rates. Each test starts its own server with the limit it exercises.
 */
class RpcServerHardeningTest {
  private static final String CHAIN_ID = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}";

  private final List<Runnable> cleanup = new ArrayList<>();
  private Scenario scenario;
  private RpcServer server;
  private int port;

  private RpcHttpClient start(RpcServerConfig config) {
    scenario = new Scenario();
    Vertx vertx = Vertx.vertx();
    server = new RpcServer(vertx, config, scenario.backend);
    port = server.start();
    cleanup.add(() -> {
      server.close();
      vertx.close().toCompletionStage().toCompletableFuture().join();
    });
    return new RpcHttpClient(port);
  }

  private static RpcServerConfig base() {
    return RpcServerConfig.defaults("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    cleanup.forEach(Runnable::run);
  }

  // ---- response size (geth: -32003 "response too large")

  @Test
  void aResponseOverTheLimitIsReplacedByGethsErrorWithItsId() {
    RpcHttpClient rpc = start(base().withResponseLimit(1024));

    JsonNode big = rpc.call("eth_getBlockByNumber", "0x1", true);
    assertThat(big.get("id").asInt()).isEqualTo(1);
    assertThat(big.get("error").get("code").asInt()).isEqualTo(-32003);
    assertThat(big.get("error").get("message").asText()).isEqualTo("response too large");
    assertThat(rpc.result("eth_getTransactionCount", Scenario.DEV0.toHex(), "latest").asText()).isEqualTo("0x2");
  }

  @Test
  void aBatchStopsAtTheCallThatTakesItOverTheLimit() {
    RpcHttpClient rpc = start(base().withResponseLimit(1024));
    String batch = "[" + CHAIN_ID.replace("\"id\":1", "\"id\":\"a\"") + ","
        + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"eth_getBlockByNumber\",\"params\":[\"0x1\",true]},"
        + CHAIN_ID.replace("\"id\":1", "\"id\":\"c\"") + "]";

    HttpResponse<String> r = rpc.send(batch);
    JsonNode answers = RpcHttpClient.parse(r.body());

    assertThat(r.body().length()).isLessThan(1024);
    assertThat(answers).hasSize(3);
    assertThat(answers.get(0).get("result").asText()).isEqualTo("0x539");
    for (int i = 1; i < 3; i++) {
      assertThat(answers.get(i).get("id").asText()).isEqualTo(i == 1 ? "b" : "c");
      assertThat(answers.get(i).get("error").get("code").asInt()).isEqualTo(-32003);
    }
  }

  // ---- timeouts

  @Test
  void aCallOutlivingTheRequestTimeoutGetsGethsTimeoutError() {
    RpcHttpClient rpc = start(base().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5)));
    scenario.backend.holdSubmissions();
    RecoveredTx tx = TestTxs.builder(TxType.EIP1559, Scenario.CHAIN_ID).nonce(3).to(Scenario.DEV1)
        .sign(DevAccounts.privateKey(0));

    JsonNode r = rpc.call("eth_sendRawTransaction", Hex.encode(tx.encoded()));

    assertThat(r.get("id").asInt()).isEqualTo(1);
    assertThat(r.get("error").get("code").asInt()).isEqualTo(-32002);
    assertThat(r.get("error").get("message").asText()).isEqualTo("request timed out");
    assertThat(rpc.result("eth_chainId").asText()).isEqualTo("0x539");
  }

  @Test
  void aTrickledBodyGets408AndItsConnectionCloses() throws IOException {
    start(base().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5)));
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"jsonrpc\"");

      String answer = readAll(s);

      assertThat(answer).startsWith("HTTP/1.1 408");
    }
    Poll.until(() -> server.bodyBudgetAvailable() == RpcServerConfig.DEFAULT_MAX_BUFFERED_REQUEST_BYTES);
  }

  @Test
  void anIdleConnectionIsClosed() throws IOException {
    start(base().withTimeouts(Duration.ofMillis(200), Duration.ofMillis(400)));
    try (Socket s = connect()) {
      Poll.until(() -> server.openConnections() == 1);

      assertThat(s.getInputStream().read()).as("the server closed the silent connection").isEqualTo(-1);
    }
    Poll.until(() -> server.openConnections() == 0);
  }

  @Test
  void aWebSocketAnsweringPingsStaysOpenPastTheIdleTimeoutAndASilentOneIsClosed() throws Exception {
    Duration idle = Duration.ofMillis(400);
    start(base().withTimeouts(Duration.ofMillis(200), idle));
    AtomicInteger pings = new AtomicInteger();
    LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
    WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onPing(WebSocket w, ByteBuffer message) {
            pings.incrementAndGet();
            return WebSocket.Listener.super.onPing(w, message); // the client answers with a pong
          }

          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            texts.add(data.toString());
            return WebSocket.Listener.super.onText(w, data, last);
          }
        }).get(10, TimeUnit.SECONDS);
    // a ping every 200 ms: five of them span 2.5 idle timeouts
    Poll.until(() -> pings.get() >= 5);
    ws.sendText(CHAIN_ID, true).get(10, TimeUnit.SECONDS);
    assertThat(texts.poll(10, TimeUnit.SECONDS)).contains("\"result\":\"0x539\"");
    ws.abort();

    try (Socket s = connect()) {
      send(s, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
      DataInputStream in = new DataInputStream(s.getInputStream());
      assertThat(readHeaders(in)).startsWith("HTTP/1.1 101");
      int seenPings = 0;
      while (true) {
        int opcode = in.readUnsignedByte() & 0x0f;
        byte[] payload = new byte[in.readUnsignedByte() & 0x7f];
        in.readFully(payload);
        if (opcode == 0x9) {
          seenPings++; // never answered
        } else if (opcode == 0x8) {
          assertThat(((payload[0] & 0xff) << 8) | (payload[1] & 0xff)).isEqualTo(1001);
          break;
        }
      }
      assertThat(seenPings).isGreaterThanOrEqualTo(1);
    }
  }

  // ---- the memory budget of request bodies

  @Test
  void largeBodiesBeyondTheBudgetWaitUnreadAndAreServedInArrivalOrder() throws Exception {
    int max = 32 * 1024;
    RpcHttpClient rpc = start(new RpcServerConfig("127.0.0.1", 0, max, 100, 100, List.of(), 100)
        .withBufferedRequestLimit(2L * max));
    try (Socket s1 = connect(); Socket s2 = connect(); Socket s3 = connect()) {
      for (Socket s : List.of(s1, s2)) {
        send(s, headers(max) + "{\"jsonrpc\":\"2.0\",");
      }
      Poll.until(() -> server.bodyBudgetAvailable() == 0);
      send(s3, headers(max) + "{\"jsonrpc\":\"2.0\",");
      Poll.until(() -> server.requestsWaitingForBudget() == 1);
      CompletableFuture<HttpResponse<String>> small = rpc.callAsync("eth_chainId");
      Poll.until(() -> server.requestsWaitingForBudget() == 2);
      assertThat(small).isNotDone();

      finish(s1, max);
      assertThat(readAll(s1)).startsWith("HTTP/1.1 200").contains("\"result\":\"0x539\"");
      // s3 came first: it takes the freed share; the small request still waits behind it
      Poll.until(() -> server.requestsWaitingForBudget() == 1);
      assertThat(small).isNotDone();

      finish(s2, max);
      assertThat(readAll(s2)).startsWith("HTTP/1.1 200");
      assertThat(RpcHttpClient.parse(small.get(10, TimeUnit.SECONDS).body()).get("result").asText()).isEqualTo("0x539");
      finish(s3, max);
      assertThat(readAll(s3)).startsWith("HTTP/1.1 200");
    }
    Poll.until(() -> server.bodyBudgetAvailable() == 2L * max);
  }

  @Test
  void aBodyLongerThanItsDeclaredLengthOrTheLimitIs413() throws IOException {
    start(new RpcServerConfig("127.0.0.1", 0, 2048, 100, 100, List.of(), 100));
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "1000\r\n" + " ".repeat(4096) + "\r\n0\r\n\r\n");
      assertThat(readAll(s)).startsWith("HTTP/1.1 413");
    }
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n");
      assertThat(readAll(s)).startsWith("HTTP/1.1 413");
    }
    Poll.until(() -> server.bodyBudgetAvailable() == RpcServerConfig.DEFAULT_MAX_BUFFERED_REQUEST_BYTES);
  }

  // ---- eth_getLogs result count

  @Test
  void logsBeyondTheResultLimitGetTheTextClientsSplitRangesOn() {
    RpcHttpClient rpc = start(base().withLogsResultLimit(2));

    JsonNode all = rpc.call("eth_getLogs", RpcHttpClient.json("{\"fromBlock\":\"0x0\",\"toBlock\":\"latest\"}"));
    assertThat(all.get("error").get("code").asInt()).isEqualTo(-32005);
    assertThat(all.get("error").get("message").asText()).isEqualTo("query returned more than 2 results");

    JsonNode two = rpc.result("eth_getLogs", RpcHttpClient.json("{\"fromBlock\":\"0x0\",\"toBlock\":\"latest\","
        + "\"topics\":[null,\"" + Scenario.T2.toHex() + "\"]}"));
    assertThat(two).hasSize(1);
    assertThat(rpc.result("eth_getLogs", RpcHttpClient.json("{\"blockHash\":\"" + scenario.block1.hash().toHex()
        + "\",\"address\":\"" + Scenario.CONTRACT.toHex() + "\"}"))).hasSize(2);
  }

  // ---- per-client rate

  @Test
  void theRateLimitIsOffByDefault() {
    RpcHttpClient rpc = start(base());
    for (int i = 0; i < 50; i++) {
      assertThat(rpc.send(CHAIN_ID).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aClientOverItsRateGets429WithAJsonRpcError() {
    RpcHttpClient rpc = start(base().withRateLimit(0.01, 3));
    for (int i = 0; i < 3; i++) {
      assertThat(rpc.send(CHAIN_ID).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> refused = rpc.send(CHAIN_ID);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    JsonNode error = RpcHttpClient.parse(refused.body()).get("error");
    assertThat(error.get("code").asInt()).isEqualTo(-32005);
    assertThat(error.get("message").asText()).isEqualTo("rate limit exceeded");
  }

  @Test
  void aWebSocketClientOverItsRateGetsAnErrorPerMessage() throws Exception {
    start(base().withRateLimit(0.01, 2));
    LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
    WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            texts.add(data.toString());
            return WebSocket.Listener.super.onText(w, data, last);
          }
        }).get(10, TimeUnit.SECONDS);
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ws.sendText(CHAIN_ID, true).get(10, TimeUnit.SECONDS);
      answers.add(texts.poll(10, TimeUnit.SECONDS));
    }
    ws.abort();

    assertThat(answers.subList(0, 2)).allMatch(a -> a.contains("\"result\":\"0x539\""));
    assertThat(answers.get(2)).contains("\"code\":-32005").contains("rate limit exceeded");
  }

  // ---- raw sockets

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(20_000);
    return s;
  }

  private static String headers(int contentLength) {
    return "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
        + contentLength + "\r\n\r\n";
  }

  /** Sends the rest of a body whose first 17 bytes were {"jsonrpc":"2.0",, padded with spaces to {@code length}. */
  private static void finish(Socket s, int length) throws IOException {
    String rest = "\"id\":1,\"method\":\"eth_chainId\"}";
    int sent = "{\"jsonrpc\":\"2.0\",".length();
    send(s, rest + " ".repeat(length - sent - rest.length()));
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Everything until the server closes the connection. */
  private static String readAll(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] b = new byte[8192];
    int n;
    while ((n = in.read(b)) >= 0) {
      buf.write(b, 0, n);
      if (buf.toString(StandardCharsets.UTF_8).contains("\r\n\r\n") && !s.isClosed()
          && complete(buf.toString(StandardCharsets.UTF_8))) {
        break;
      }
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** A response whose Content-Length worth of body has arrived. */
  private static boolean complete(String response) {
    int end = response.indexOf("\r\n\r\n");
    for (String line : response.substring(0, end).split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        int len = Integer.parseInt(line.substring(15).trim());
        return response.getBytes(StandardCharsets.UTF_8).length - end - 4 >= len;
      }
    }
    return false;
  }

  private static String readHeaders(DataInputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    while (!sb.toString().endsWith("\r\n\r\n")) {
      sb.append((char) in.readUnsignedByte());
    }
    return sb.toString();
  }
}
