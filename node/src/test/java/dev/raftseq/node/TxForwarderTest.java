package dev.raftseq.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.rpc.jsonrpc.RpcErrorCode;
import dev.raftseq.rpc.jsonrpc.RpcException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The forwarder against stand-in main nodes on real loopback sockets (what they answer is scripted). */
class TxForwarderTest {
  private static final String HASH = "0x" + "ab".repeat(32);
  private static final byte[] RAW = {0x02, 0x01, 0x02, 0x03};

  private final List<HttpServer> servers = new ArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  /** A main node answering every request with {@code status} and {@code body}. */
  private URI node(int status, String body) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext("/", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] out = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    s.start();
    servers.add(s);
    return URI.create("http://127.0.0.1:" + s.getAddress().getPort());
  }

  private static URI nobodyListening() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + s.getLocalPort());
    }
  }

  private TxForwarder forwarder(URI... urls) {
    return new TxForwarder("test", List.of(urls), Duration.ofSeconds(5), Duration.ofSeconds(10), registry);
  }

  private double failovers() {
    return registry.get("external.forward.failovers").counter().count();
  }

  @Test
  void sendsTheRawBytesAndReturnsTheMainNodesHash() throws Exception {
    URI main = node(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + HASH + "\"}");
    assertThat(forwarder(main).forward(RAW).join()).isEqualTo(Hash.fromHex(HASH));
    assertThat(bodies).singleElement().asString().contains("\"method\":\"eth_sendRawTransaction\"")
        .contains("\"params\":[\"0x02010203\"]");
    assertThat(failovers()).isZero();
  }

  @Test
  void movesOnFromARefusedConnectionAndANotServingAnswer() throws Exception {
    URI down = nobodyListening();
    URI noLeader = node(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\""
        + TxRejection.NOT_SERVING.message() + ": not replicated: no leader\"}}");
    URI ok = node(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + HASH + "\"}");
    TxForwarder f = forwarder(down, noLeader, ok);
    assertThat(f.forward(RAW).join()).isEqualTo(Hash.fromHex(HASH));
    assertThat(failovers()).isEqualTo(2);
    // the URL that answered is tried first from now on
    assertThat(f.forward(RAW).join()).isEqualTo(Hash.fromHex(HASH));
    assertThat(failovers()).isEqualTo(2);
  }

  @Test
  void movesOnFromAnAnswerThatIsNotJsonRpc() throws Exception {
    URI proxyError = node(502, "<html>bad gateway</html>");
    URI ok = node(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + HASH + "\"}");
    assertThat(forwarder(proxyError, ok).forward(RAW).join()).isEqualTo(Hash.fromHex(HASH));
    assertThat(failovers()).isEqualTo(1);
  }

  @Test
  void returnsTheMainNodesErrorUnchangedWithoutTryingOthers() throws Exception {
    URI main = node(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,"
        + "\"message\":\"nonce too low: next nonce 5, tx nonce 3\",\"data\":{\"x\":1}}}");
    URI other = node(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + HASH + "\"}");
    Throwable t = catchThrowable(() -> forwarder(main, other).forward(RAW).join());
    assertThat(t).isInstanceOf(CompletionException.class).cause().isInstanceOf(RpcException.class);
    RpcException e = (RpcException) t.getCause();
    assertThat(e.error().code()).isEqualTo(RpcErrorCode.SERVER_ERROR);
    assertThat(e.error().message()).isEqualTo("nonce too low: next nonce 5, tx nonce 3");
    assertThat(e.error().data().get("x").asInt()).isEqualTo(1);
    assertThat(bodies).hasSize(1);
  }

  @Test
  void aMainNodeThatDoesNotAnswerInTimeIsLeftForTheNext() throws Exception {
    HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    silent.createContext("/", ex -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    silent.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    silent.start();
    servers.add(silent);
    try {
      URI hung = URI.create("http://127.0.0.1:" + silent.getAddress().getPort());
      URI ok = node(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + HASH + "\"}");
      TxForwarder f = new TxForwarder("test", List.of(hung, ok), Duration.ofMillis(300), Duration.ofSeconds(10), registry);
      assertThat(f.forward(RAW).join()).isEqualTo(Hash.fromHex(HASH));
      assertThat(failovers()).isEqualTo(1);
      // a budget spent on the first leaves no attempt for the second
      TxForwarder tight = new TxForwarder("test", List.of(hung, ok), Duration.ofMillis(300), Duration.ofMillis(300),
          registry);
      Throwable t = catchThrowable(() -> tight.forward(RAW).join());
      assertThat(t.getCause()).isInstanceOf(TxRejectedException.class).hasMessageContaining("no time left to try 1 more");
    } finally {
      release.countDown();
    }
  }

  @Test
  void thePendingNonceComesFromTheFirstMainNodeThatAnswers() throws Exception {
    URI down = nobodyListening();
    URI main = node(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x2a\"}");
    var sender = dev.raftseq.chain.types.Address.fromHex("0x00000000000000000000000000000000000000aa");
    assertThat(forwarder(down, main).pendingNonce(sender)).hasValue(42);
    assertThat(bodies).singleElement().asString().contains("\"method\":\"eth_getTransactionCount\"")
        .contains("\"pending\"");
    assertThat(forwarder(down).pendingNonce(sender)).isEmpty();
  }

  @Test
  void keepsAnotherKnownErrorCode() throws Exception {
    URI main = node(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"invalid params\"}}");
    Throwable t = catchThrowable(() -> forwarder(main).forward(RAW).join());
    assertThat(((RpcException) t.getCause()).error().code()).isEqualTo(RpcErrorCode.INVALID_PARAMS);
  }

  @Test
  void noMainNodeTakingItIsNotServingWithEveryReason() throws Exception {
    URI down1 = nobodyListening();
    URI down2 = nobodyListening();
    Throwable t = catchThrowable(() -> forwarder(down1, down2).forward(RAW).join());
    assertThat(t.getCause()).isInstanceOf(TxRejectedException.class);
    TxRejectedException e = (TxRejectedException) t.getCause();
    assertThat(e.reason()).isEqualTo(TxRejection.NOT_SERVING);
    assertThat(e.getMessage()).startsWith("node is not accepting transactions: no main node took the transaction")
        .contains(down1.toString()).contains(down2.toString());
    assertThat(registry.get("external.forward.transactions").tag("outcome", "no_main_node").counter().count())
        .isEqualTo(1);
  }
}
