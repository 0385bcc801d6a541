package dev.raftseq.rpc.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JSON-RPC envelope rules, transport-free, with a few test methods. */
class JsonRpcProcessorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final CompletableFuture<JsonNode> later = new CompletableFuture<>();
  private final JsonRpcProcessor processor =
      new JsonRpcProcessor(MethodRegistry.of(testMethods()), new RpcJson(64 * 1024), 3, workers);

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  @Test
  void answersASingleCallWithResultAndEchoedId() throws Exception {
    assertThat(call("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"test_echo\",\"params\":[\"a\",1]}"))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[\"a\",1]}");
  }

  @Test
  void echoesIdsOfEveryJsonType() throws Exception {
    for (String id : List.of("\"abc\"", "null", "1.50", "-3", "123456789012345678901234567890", "{\"x\":[1]}", "[1,2]",
        "true")) {
      assertThat(call("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"test_echo\"}"))
          .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":[]}");
    }
  }

  @Test
  void paramsMayBeAbsentOrNullButNotAnObject() throws Exception {
    assertThat(tree(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":null}")).get("result"))
        .hasSize(0);
    assertError(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":{\"a\":1}}"),
        -32602, "non-array args");
    assertError(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":\"x\"}"),
        -32602, "non-array args");
  }

  @Test
  void tooManyParamsIsInvalidParams() throws Exception {
    assertError(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[1,2,3,4]}"),
        -32602, "too many arguments, want at most 3");
  }

  @Test
  void unknownMethodIsMethodNotFoundWithGethText() throws Exception {
    assertError(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_nope\"}"),
        -32601, "the method eth_nope does not exist/is not available");
  }

  @Test
  void malformedEnvelopesAreInvalidRequests() throws Exception {
    for (String bad : List.of(
        "{\"id\":1,\"method\":\"test_echo\"}",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"test_echo\"}",
        "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"test_echo\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}")) {
      JsonNode r = assertError(call(bad), -32600, "invalid request");
      assertThat(r.get("id").asInt()).as(bad).isEqualTo(1);
    }
    JsonNode noId = assertError(call("{\"jsonrpc\":\"2.0\",\"method\":7}"), -32600, "invalid request");
    assertThat(noId.get("id").isNull()).isTrue();
    for (String scalar : List.of("1", "\"x\"", "true", "null")) {
      assertError(call(scalar), -32600, "invalid request");
    }
  }

  @Test
  void unparseableInputIsParseError() throws Exception {
    for (String bad : List.of("", "   ", "{", "{\"jsonrpc\":", "[1,]", "{'a':1}", "{\"a\":1} trailing", "NaN",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\"}{}")) {
      JsonNode r = assertError(call(bad), -32700, "parse error");
      assertThat(r.get("id").isNull()).isTrue();
    }
  }

  @Test
  void invalidUtf8IsParseErrorEvenWhenJacksonCouldGuessAnEncoding() throws Exception {
    byte[] latin1 = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[\"\u00e9\"]}"
        .getBytes(StandardCharsets.ISO_8859_1);
    assertError(call(latin1), -32700, "parse error");
    byte[] utf16 = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\"}".getBytes(StandardCharsets.UTF_16BE);
    assertError(call(utf16), -32700, "parse error");
    assertError(call(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}), -32700, "parse error");
  }

  @Test
  void limitsOnNestingAndNumbersAreParseErrors() throws Exception {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertError(call(deep), -32700, "parse error");
    String deepParams = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":["
        + "[".repeat(RpcJson.MAX_NESTING_DEPTH) + "]".repeat(RpcJson.MAX_NESTING_DEPTH) + "]}";
    assertError(call(deepParams), -32700, "parse error");
    String longNumber = "{\"jsonrpc\":\"2.0\",\"id\":" + "9".repeat(RpcJson.MAX_NUMBER_LENGTH + 1)
        + ",\"method\":\"test_echo\"}";
    assertError(call(longNumber), -32700, "parse error");
    // short enough, but no BigDecimal can hold it (Jackson throws NumberFormatException)
    assertError(call("{\"jsonrpc\":\"2.0\",\"id\":1e-" + "6".repeat(90) + ",\"method\":\"test_echo\"}"),
        -32700, "parse error");
  }

  @Test
  void methodErrorsAndCrashesBecomeErrorResponses() throws Exception {
    assertError(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_fail\"}"), -32000, "boom");
    assertError(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_crash\"}"), -32603, "internal error");
  }

  @Test
  void notificationsGetNoAnswerEvenWhenTheyFail() throws Exception {
    assertThat(call("{\"jsonrpc\":\"2.0\",\"method\":\"test_echo\"}")).isEmpty();
    assertThat(call("{\"jsonrpc\":\"2.0\",\"method\":\"test_fail\"}")).isEmpty();
    assertThat(call("{\"jsonrpc\":\"2.0\",\"method\":\"eth_nope\"}")).isEmpty();
    assertThat(call("[{\"jsonrpc\":\"2.0\",\"method\":\"test_echo\"},{\"jsonrpc\":\"2.0\",\"method\":\"x\"}]"))
        .isEmpty();
  }

  @Test
  void batchAnswersEachCallInOrderSkippingNotifications() throws Exception {
    JsonNode r = tree(call("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[1]},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"test_echo\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"method\":\"test_fail\"}]"));
    assertThat(r.isArray()).isTrue();
    assertThat(r).hasSize(2);
    assertThat(r.get(0).get("id").asInt()).isEqualTo(1);
    assertThat(r.get(0).get("result").toString()).isEqualTo("[1]");
    assertThat(r.get(1).get("id").asText()).isEqualTo("b");
    assertThat(r.get(1).get("error").get("code").asInt()).isEqualTo(-32000);
  }

  @Test
  void nonObjectBatchEntriesAreInvalidRequestsEach() throws Exception {
    JsonNode r = tree(call("[1,\"x\",null]"));
    assertThat(r).hasSize(3);
    for (JsonNode e : r) {
      assertThat(e.get("id").isNull()).isTrue();
      assertThat(e.get("error").get("code").asInt()).isEqualTo(-32600);
    }
  }

  @Test
  void emptyBatchIsOneInvalidRequestObject() throws Exception {
    JsonNode r = assertError(call("[]"), -32600, "empty batch");
    assertThat(r.isObject()).isTrue();
  }

  @Test
  void batchOverTheLimitIsOneErrorWithTheFirstCallsId() throws Exception {
    JsonNode r = tree(call("[1,{\"jsonrpc\":\"2.0\",\"method\":\"n\"},{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"a\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":43,\"method\":\"b\"}]"));
    assertThat(r.isArray()).isTrue();
    assertThat(r).hasSize(1);
    assertThat(r.get(0).get("id").asInt()).isEqualTo(42);
    assertThat(r.get(0).get("error").get("code").asInt()).isEqualTo(-32600);
    assertThat(r.get(0).get("error").get("message").asText()).isEqualTo("batch too large");
  }

  @Test
  void laterResultsAreAnsweredWhenTheyComplete() throws Exception {
    CompletableFuture<Optional<byte[]>> answer =
        processor.handle(bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_later\"}"), RpcSession.STATELESS);
    assertThat(answer).isNotDone();
    later.complete(TextNode.valueOf("0xabc"));
    assertThat(new String(answer.get(5, TimeUnit.SECONDS).orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0xabc\"}");
  }

  @Test
  void aFullWorkerQueueIsServerBusy() throws Exception {
    JsonRpcProcessor refusing = new JsonRpcProcessor(MethodRegistry.of(testMethods()), new RpcJson(1024), 3,
        task -> {
          throw new RejectedExecutionException("full");
        });
    byte[] out = refusing.handle(bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\"}"), RpcSession.STATELESS)
        .get(5, TimeUnit.SECONDS).orElseThrow();
    assertError(new String(out, StandardCharsets.UTF_8), -32000, "server busy");
  }

  @Test
  void everyAnsweredCallIsObservedWithABoundedMethodNameAndItsOutcome() throws Exception {
    List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    JsonRpcProcessor observed = new JsonRpcProcessor(MethodRegistry.of(testMethods()), new RpcJson(64 * 1024), 10,
        workers, Integer.MAX_VALUE, java.time.Duration.ofMinutes(1), (method, outcome, nanos) -> {
          assertThat(nanos).isNotNegative();
          seen.add(method + "/" + outcome);
        });
    observed.handle(bytes("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test_fail\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"no_such_method_\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"test_echo\",\"params\":[1,2,3,4]},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"test_crash\"}]"), RpcSession.STATELESS).get(5, TimeUnit.SECONDS);
    assertThat(seen).containsExactlyInAnyOrder("test_echo/ok", "test_fail/server_error",
        "unknown/method_not_found", "test_echo/invalid_params", "test_crash/internal_error");
  }

  private String call(String body) throws Exception {
    return call(bytes(body));
  }

  private String call(byte[] body) throws Exception {
    return processor.handle(body, RpcSession.STATELESS)
        .get(5, TimeUnit.SECONDS)
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .orElse("");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode tree(String s) throws Exception {
    return JSON.readTree(s);
  }

  private static JsonNode assertError(String response, int code, String message) throws Exception {
    JsonNode r = tree(response);
    assertThat(r.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(r.has("id")).isTrue();
    assertThat(r.has("result")).isFalse();
    assertThat(r.get("error").get("code").asInt()).as(response).isEqualTo(code);
    assertThat(r.get("error").get("message").asText()).isEqualTo(message);
    return r;
  }

  private List<RpcMethod> testMethods() {
    return List.of(
        method("test_echo", 3, params -> {
          var out = RpcJson.NODES.arrayNode();
          for (int i = 0; i < params.size(); i++) {
            JsonNode value = params.required(i, n -> n);
            out.add(value);
          }
          return CompletableFuture.completedFuture(out);
        }),
        method("test_fail", 0, params -> {
          throw RpcError.server("boom").toException();
        }),
        method("test_crash", 0, params -> {
          throw new IllegalStateException("bug");
        }),
        method("test_later", 0, params -> later));
  }

  private interface Body {
    CompletionStage<JsonNode> run(RpcParams params) throws RpcException;
  }

  private static RpcMethod method(String name, int maxParams, Body body) {
    return new RpcMethod() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int maxParams() {
        return maxParams;
      }

      @Override
      public CompletionStage<JsonNode> execute(RpcParams params, RpcSession session) throws RpcException {
        return body.run(params);
      }
    };
  }
}
