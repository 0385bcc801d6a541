package dev.raftseq.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.rpc.json.BlockJson;
import dev.raftseq.rpc.testing.MapState;
import dev.raftseq.rpc.testing.RpcHttpClient;
import dev.raftseq.rpc.testing.Scenario;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JSON-RPC over a real WebSocket on the HTTP port, and newHeads subscriptions in geth's shape. */
class RpcServerWebSocketTest {
  private Vertx vertx;
  private Scenario net;
  private RpcServer server;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    net = new Scenario();
    server = new RpcServer(vertx, new RpcServerConfig("127.0.0.1", 0, 64 * 1024, 10, 10, List.of(), 10),
        net.backend);
    port = server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void callsWorkOnAnyPathAsTextOrBinary() throws Exception {
    try (Client ws = Client.connect(port, "/some/path")) {
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"eth_chainId\"}");
      assertThat(ws.next().toString()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":\"0x539\"}");
      ws.socket.sendBinary(ByteBuffer.wrap("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_blockNumber\"}"
          .getBytes(StandardCharsets.UTF_8)), true).get(10, TimeUnit.SECONDS);
      assertThat(ws.next().get("result").asText()).isEqualTo("0x3");
      ws.send("[{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_blockNumber\"},{\"jsonrpc\":\"2.0\",\"id\":4,"
          + "\"method\":\"net_version\"}]");
      JsonNode batch = ws.next();
      assertThat(batch).hasSize(2);
      assertThat(batch.get(1).get("result").asText()).isEqualTo("1337");
      ws.send("{oops");
      assertThat(ws.next().get("error").get("code").asInt()).isEqualTo(-32700);
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"eth_chainId\"}");
      assertThat(ws.next().get("result").asText()).isEqualTo("0x539");
    }
  }

  @Test
  void newHeadsPushesEachAppliedBlockUntilUnsubscribed() throws Exception {
    try (Client ws = Client.connect(port, "/")) {
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}");
      JsonNode subscribed = ws.next();
      String id = subscribed.get("result").asText();
      assertThat(id).matches("0x[0-9a-f]{1,32}");
      assertThat(net.backend.headListenerCount()).isEqualTo(1);

      Block block4 = net.chain.append(List.of(), List.of(), MapState.empty("s4"), Wei.of(700_000_000L),
          1_700_000_008L);
      net.backend.publish(block4);
      JsonNode notification = ws.next();
      assertThat(notification.get("jsonrpc").asText()).isEqualTo("2.0");
      assertThat(notification.get("method").asText()).isEqualTo("eth_subscription");
      assertThat(notification.has("id")).isFalse();
      assertThat(notification.get("params").get("subscription").asText()).isEqualTo(id);
      JsonNode head = notification.get("params").get("result");
      assertThat(head).isEqualTo(RpcHttpClient.parse(
          BlockJson.header(block4.header(), block4.hash()).toString()));
      assertThat(head.get("number").asText()).isEqualTo("0x4");
      assertThat(head.get("hash").asText()).isEqualTo(block4.hash().toHex());
      assertThat(head.get("parentHash").asText()).isEqualTo(net.block3.hash().toHex());

      ws.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_unsubscribe\",\"params\":[\"" + id + "\"]}");
      assertThat(ws.next().get("result").asBoolean()).isTrue();
      assertThat(net.backend.headListenerCount()).isZero();
      net.backend.publish(block4);
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_unsubscribe\",\"params\":[\"" + id + "\"]}");
      JsonNode again = ws.next();
      assertThat(again.get("id").asInt()).as("no notification after unsubscribe").isEqualTo(3);
      assertThat(again.get("error").get("code").asInt()).isEqualTo(-32000);
      assertThat(again.get("error").get("message").asText()).isEqualTo("subscription not found");
    }
  }

  @Test
  void logsSubscriptionPushesEachMatchingLogOfAppliedBlocks() throws Exception {
    try (Client ws = Client.connect(port, "/")) {
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"logs\",{\"address\":\""
          + Scenario.CONTRACT.toHex() + "\"}]}");
      String id = ws.next().get("result").asText();
      net.backend.publish(net.block1); // logs L0 and L1 by CONTRACT, L2 by OTHER
      JsonNode first = ws.next().get("params");
      JsonNode second = ws.next().get("params");
      assertThat(first.get("subscription").asText()).isEqualTo(id);
      assertThat(first.get("result").get("address").asText()).isEqualTo(Scenario.CONTRACT.toHex());
      assertThat(first.get("result").get("logIndex").asText()).isEqualTo("0x0");
      assertThat(second.get("result").get("logIndex").asText()).isEqualTo("0x1");
      assertThat(second.get("result").get("transactionHash").asText()).isEqualTo(net.txB.hash().toHex());
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_unsubscribe\",\"params\":[\"" + id + "\"]}");
      assertThat(ws.next().get("result").asBoolean()).as("no third notification: L2 is OTHER's").isTrue();
    }
  }

  @Test
  void twoSubscriptionsEachGetTheHead() throws Exception {
    try (Client ws = Client.connect(port, "/")) {
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}");
      String first = ws.next().get("result").asText();
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}");
      String second = ws.next().get("result").asText();
      assertThat(first).isNotEqualTo(second);
      net.backend.publish(net.block3);
      List<String> ids = List.of(ws.next().get("params").get("subscription").asText(),
          ws.next().get("params").get("subscription").asText());
      assertThat(ids).containsExactlyInAnyOrder(first, second);
    }
  }

  @Test
  void subscriptionErrorsAsGeth() throws Exception {
    try (Client ws = Client.connect(port, "/")) {
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"syncing\"]}");
      JsonNode syncing = ws.next();
      assertThat(syncing.get("error").get("code").asInt()).isEqualTo(-32601);
      assertThat(syncing.get("error").get("message").asText()).isEqualTo("no \"syncing\" subscription in eth namespace");
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"eth_subscribe\",\"params\":[]}");
      JsonNode none = ws.next();
      assertThat(none.get("error").get("code").asInt()).isEqualTo(-32602);
      assertThat(none.get("error").get("message").asText()).isEqualTo("expected subscription name as first argument");
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\",{}]}");
      assertThat(ws.next().get("error").get("message").asText()).isEqualTo("too many arguments, want at most 1");
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"eth_unsubscribe\",\"params\":[7]}");
      assertThat(ws.next().get("error").get("code").asInt()).isEqualTo(-32602);
      assertThat(net.backend.headListenerCount()).isZero();
    }
  }

  @Test
  void closingTheConnectionEndsItsSubscriptions() throws Exception {
    Client ws = Client.connect(port, "/");
    ws.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}");
    ws.next();
    assertThat(net.backend.headListenerCount()).isEqualTo(1);
    ws.close();
    Poll.until(() -> net.backend.headListenerCount() == 0);
  }

  @Test
  void messagesOverTheSizeLimitCloseTheConnectionOnly() throws Exception {
    Client big = Client.connect(port, "/");
    big.socket.sendText("[" + " ".repeat(100 * 1024) + "]", true);
    Poll.until(() -> big.closed);
    try (Client ws = Client.connect(port, "/")) {
      ws.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\"}");
      assertThat(ws.next().get("result").asText()).isEqualTo("0x539");
    }
  }

  /** A JDK WebSocket client collecting whole messages. */
  static final class Client implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private volatile boolean closed;

    static Client connect(int port, String path) throws Exception {
      Client c = new Client();
      c.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
          .buildAsync(URI.create("ws://127.0.0.1:" + port + path), c).get(10, TimeUnit.SECONDS);
      return c;
    }

    void send(String text) throws Exception {
      socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    JsonNode next() throws InterruptedException {
      String m = messages.poll(10, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError("no message within 10 s");
      }
      return RpcHttpClient.parse(m);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed = true;
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed = true;
    }

    @Override
    public void close() {
      if (!closed) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
      }
      socket.abort();
    }
  }
}
