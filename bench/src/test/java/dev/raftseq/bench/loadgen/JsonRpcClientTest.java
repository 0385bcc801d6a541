package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JsonRpcClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void parsesResultsAndNamesEveryFailure() {
    assertThat(JsonRpcClient.parseResponse(JSON, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x7a69\"}").asText())
        .isEqualTo("0x7a69");
    assertThat(JsonRpcClient.parseResponse(JSON, 200, "{\"id\":1,\"result\":null}").isNull()).isTrue();
    assertThatThrownBy(() -> JsonRpcClient.parseResponse(JSON, 200,
        "{\"id\":1,\"error\":{\"code\":-32000,\"message\":\"nonce too low\"}}"))
        .isInstanceOf(RpcException.class).hasMessage("rpc error -32000: nonce too low");
    assertThatThrownBy(() -> JsonRpcClient.parseResponse(JSON, 503, "busy")).hasMessage("http status 503");
    assertThatThrownBy(() -> JsonRpcClient.parseResponse(JSON, 200, "{oops")).hasMessage("response is not JSON");
    assertThatThrownBy(() -> JsonRpcClient.parseResponse(JSON, 200, "[1]")).hasMessage("response is not a JSON-RPC object");
    assertThatThrownBy(() -> JsonRpcClient.parseResponse(JSON, 200, "{}")).hasMessage("response has neither result nor error");
  }

  @Test
  void parsesQuantitiesStrictly() {
    assertThat(JsonRpcClient.parseQuantity("m", JSON.getNodeFactory().textNode("0x0"))).isEqualTo(BigInteger.ZERO);
    assertThat(JsonRpcClient.parseQuantity("m", JSON.getNodeFactory().textNode("0xff"))).isEqualTo(BigInteger.valueOf(255));
    for (String bad : new String[] {"0x", "ff", "0xzz", "0x" + "f".repeat(65)}) {
      assertThatThrownBy(() -> JsonRpcClient.parseQuantity("m", JSON.getNodeFactory().textNode(bad)))
          .isInstanceOf(RpcException.class).hasMessageContaining("not a hex quantity");
    }
    assertThatThrownBy(() -> JsonRpcClient.parseQuantity("m", JSON.getNodeFactory().numberNode(5)))
        .isInstanceOf(RpcException.class);
  }

  @Test
  void extractsBlockHashesInEitherForm() throws Exception {
    JsonNode hashes = JSON.readTree("{\"transactions\":[\"0x01\",\"0x02\"]}");
    JsonNode objects = JSON.readTree("{\"transactions\":[{\"hash\":\"0x03\"}]}");
    assertThat(BlockWatcher.hashes(hashes)).containsExactly("0x01", "0x02");
    assertThat(BlockWatcher.hashes(objects)).containsExactly("0x03");
    assertThatThrownBy(() -> BlockWatcher.hashes(JSON.readTree("{}"))).isInstanceOf(RpcException.class);
  }

  @Test
  void talksHttpAndReportsConnectionFailures() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      JsonNode req = JSON.readTree(body);
      String answer = "{\"jsonrpc\":\"2.0\",\"id\":" + req.get("id") + ",\"result\":" + req.get("params") + "}";
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (JsonRpcClient rpc = new JsonRpcClient(Duration.ofSeconds(5))) {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      assertThat(rpc.call(uri, "echo", "0xab", false, 3).toString()).isEqualTo("[\"0xab\",false,3]");
      assertThatThrownBy(() -> rpc.call(URI.create("http://127.0.0.1:" + closedPort), "eth_chainId"))
          .isInstanceOf(RpcException.class).hasMessageStartingWith("io ConnectException");
      assertThatThrownBy(() -> rpc.callAsync(URI.create("http://10.0.0.1:8545"), "eth_chainId"))
          .hasMessageContaining("forbids traffic");
    } finally {
      server.stop(0);
    }
  }

  /** Whatever a node answers, parsing yields a result or an RpcException, never another exception. */
  @FuzzTest(maxDuration = "10s")
  void responseParsingNeverCrashes(FuzzedDataProvider data) {
    int status = data.pickValue(new int[] {200, 500});
    String body = data.consumeRemainingAsString();
    try {
      JsonNode r = JsonRpcClient.parseResponse(JSON, status, body);
      if (r.isTextual()) {
        JsonRpcClient.parseQuantity("fuzz", r);
      }
      if (r.isObject()) {
        BlockWatcher.hashes(r);
      }
    } catch (RpcException expected) {
      // the only allowed failure
    }
  }
}
