package dev.raftseq.rpc.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.rpc.methods.EthMethods;
import dev.raftseq.rpc.testing.Scenario;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Any bytes given to the request processor (parse, validate, dispatch into the real methods over
 * the test chain) come back as a well-formed JSON-RPC answer, or as nothing for notifications.
 * Regression mode (the normal suite) replays the inputs under JsonRpcFuzzTestInputs/; run with
 * JAZZER_FUZZ=1 to search for new ones.
 */
class JsonRpcFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> CODES = Set.of(-32700, -32600, -32601, -32602, -32603, -32000, 3);
  private static final JsonRpcProcessor PROCESSOR = new JsonRpcProcessor(
      EthMethods.registry(new Scenario().backend, 100), new RpcJson(1024 * 1024), 20, Runnable::run);

  @FuzzTest(maxDuration = "30s")
  void anyBytesGetAWellFormedAnswer(byte[] body) throws Exception {
    Optional<byte[]> answer = PROCESSOR.handle(body, RpcSession.STATELESS).get(10, TimeUnit.SECONDS);
    if (answer.isEmpty()) {
      return; // only notifications
    }
    JsonNode response = JSON.readTree(answer.get());
    if (response.isArray()) {
      assertThat(response).isNotEmpty();
      response.forEach(JsonRpcFuzzTest::assertResponse);
    } else {
      assertResponse(response);
    }
  }

  private static void assertResponse(JsonNode r) {
    assertThat(r.isObject()).as(r.toString()).isTrue();
    assertThat(r.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(r.has("id")).as(r.toString()).isTrue();
    assertThat(r.has("result") ^ r.has("error")).as(r.toString()).isTrue();
    if (r.has("error")) {
      JsonNode e = r.get("error");
      assertThat(e.get("code").isInt()).isTrue();
      assertThat(CODES).contains(e.get("code").asInt());
      assertThat(e.get("message").isTextual()).isTrue();
      assertThat(e.get("code").asInt()).as("no internal errors for outside input: " + r).isNotEqualTo(-32603);
    }
  }
}
