package dev.raftseq.rpc.jsonrpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 over bytes, transport-free: one HTTP body or WebSocket message in, the response
 * document out (or nothing, when the message held only notifications). Never fails: every input
 * gets a well-formed answer. Methods run on {@code executor}, never on the caller's thread.
 *
 * <p>Rules, following geth where JSON-RPC leaves room: input must be strict UTF-8 JSON
 * (otherwise -32700 "parse error"); a request needs {@code "jsonrpc":"2.0"} and a non-empty
 * string method (otherwise -32600 "invalid request"); a request without an {@code id} member is
 * a notification and gets no answer, not even an error; {@code params} may be absent, null or
 * an array (otherwise -32602 "non-array args"); ids of any JSON type are echoed. An empty batch
 * is one -32600 "empty batch" object; a batch over the limit is a one-element array holding
 * -32600 "batch too large" with the first call's id; non-object batch entries get -32600 each.
 *
 * <p>Limits, with geth's codes and texts: a call not answered within the call timeout gets -32002
 * "request timed out" (its method may still finish; its result is dropped); a response over the
 * size limit is replaced by -32003 "response too large" with the same id, and in a batch the
 * response that takes the total over the limit and every later one are replaced the same way.
 */
public final class JsonRpcProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcProcessor.class);

  private final MethodRegistry registry;
  private final int maxBatchSize;
  private final Executor executor;
  private final RpcJson json;
  private final int maxResponseBytes;
  private final long callTimeoutMillis;
  private final dev.raftseq.rpc.RpcCallObserver observer;

  /** No response size limit and no call timeout. */
  public JsonRpcProcessor(MethodRegistry registry, RpcJson json, int maxBatchSize, Executor executor) {
    this(registry, json, maxBatchSize, executor, Integer.MAX_VALUE, Duration.ofMillis(Long.MAX_VALUE));
  }

  public JsonRpcProcessor(MethodRegistry registry, RpcJson json, int maxBatchSize, Executor executor,
      int maxResponseBytes, Duration callTimeout) {
    this(registry, json, maxBatchSize, executor, maxResponseBytes, callTimeout, dev.raftseq.rpc.RpcCallObserver.NONE);
  }

  /** @param observer told of each answered call (method, outcome, duration) */
  public JsonRpcProcessor(MethodRegistry registry, RpcJson json, int maxBatchSize, Executor executor,
      int maxResponseBytes, Duration callTimeout, dev.raftseq.rpc.RpcCallObserver observer) {
    if (maxBatchSize < 1 || maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxBatchSize and maxResponseBytes must be positive");
    }
    this.observer = observer;
    this.registry = registry;
    this.json = json;
    this.maxBatchSize = maxBatchSize;
    this.executor = executor;
    this.maxResponseBytes = maxResponseBytes;
    this.callTimeoutMillis = callTimeout.toMillis();
  }

  /** The response document, or empty when nothing must be sent. Never completes exceptionally. */
  public CompletableFuture<Optional<byte[]>> handle(byte[] body, RpcSession session) {
    JsonNode message;
    try {
      message = json.parse(strictUtf8(body));
    } catch (CharacterCodingException | JsonProcessingException | RuntimeException e) {
      // RuntimeException: Jackson throws NumberFormatException for numbers it cannot represent
      // (e.g. an exponent beyond int range), found by JsonRpcFuzzTest
      LOG.debug("unparseable request: {}", e.getMessage());
      return done(json.write(errorResponse(NullNode.getInstance(), RpcError.parseError())));
    }
    CompletableFuture<Optional<JsonNode>> response;
    try {
      response = handleParsed(message, session);
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    return response
        .thenApply(r -> r.map(this::writeWithinLimit))
        .exceptionally(
            e -> {
              LOG.error("JSON-RPC processing failed", e);
              return Optional.of(json.write(errorResponse(NullNode.getInstance(), RpcError.internal())));
            });
  }

  /** The document's bytes, with responses over the limit replaced (see the class comment). */
  private byte[] writeWithinLimit(JsonNode document) {
    if (!document.isArray()) {
      byte[] bytes = json.write(document);
      return bytes.length <= maxResponseBytes ? bytes : tooLarge(document);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write('[');
    long total = 0;
    boolean over = false;
    for (int i = 0; i < document.size(); i++) {
      JsonNode response = document.get(i);
      byte[] bytes = over ? null : json.write(response);
      if (!over && total + bytes.length > maxResponseBytes) {
        over = true;
      }
      if (over) {
        bytes = tooLarge(response);
      }
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(bytes);
      total += bytes.length;
    }
    out.write(']');
    return out.toByteArray();
  }

  private byte[] tooLarge(JsonNode response) {
    JsonNode id = response.has("id") ? response.get("id") : NullNode.getInstance();
    return json.write(errorResponse(id, RpcError.responseTooLarge()));
  }

  private CompletableFuture<Optional<JsonNode>> handleParsed(JsonNode message, RpcSession session) {
    if (!message.isArray()) {
      return handleRequest(message, session);
    }
    if (message.isEmpty()) {
      return done(errorResponse(NullNode.getInstance(), RpcError.invalidRequest("empty batch")));
    }
    if (message.size() > maxBatchSize) {
      ArrayNode single = RpcJson.NODES.arrayNode();
      single.add(errorResponse(firstCallId(message), RpcError.invalidRequest("batch too large")));
      return done(single);
    }
    List<CompletableFuture<Optional<JsonNode>>> answers = new ArrayList<>(message.size());
    for (JsonNode request : message) {
      answers.add(handleRequest(request, session));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              ArrayNode out = RpcJson.NODES.arrayNode();
              answers.forEach(a -> a.join().ifPresent(out::add));
              return out.isEmpty() ? Optional.empty() : Optional.of(out);
            });
  }

  private CompletableFuture<Optional<JsonNode>> handleRequest(JsonNode request, RpcSession session) {
    if (!request.isObject()) {
      return done(errorResponse(NullNode.getInstance(), RpcError.invalidRequest("invalid request")));
    }
    boolean notification = !request.has("id");
    JsonNode id = notification ? NullNode.getInstance() : request.get("id");
    JsonNode version = request.get("jsonrpc");
    JsonNode methodName = request.get("method");
    if (version == null
        || !"2.0".equals(version.textValue())
        || methodName == null
        || !methodName.isTextual()
        || methodName.textValue().isEmpty()) {
      return done(errorResponse(id, RpcError.invalidRequest("invalid request")));
    }
    long started = System.nanoTime();
    String name = methodName.textValue();
    CompletableFuture<JsonNode> result = call(name, request.get("params"), session);
    if (callTimeoutMillis < Long.MAX_VALUE) {
      result = result.orTimeout(callTimeoutMillis, TimeUnit.MILLISECONDS);
    }
    return result.handle(
        (value, failure) -> {
          RpcError error = failure == null ? null : toRpcError(name, failure);
          observe(name, error, started);
          if (notification) {
            return Optional.empty();
          }
          if (error == null) {
            return Optional.of(resultResponse(id, value == null ? NullNode.getInstance() : value));
          }
          return Optional.of(errorResponse(id, error));
        });
  }

  private CompletableFuture<JsonNode> call(String name, JsonNode rawParams, RpcSession session) {
    Optional<RpcMethod> found = registry.method(name);
    if (found.isEmpty()) {
      return CompletableFuture.failedFuture(RpcError.methodNotFound(name).toException());
    }
    RpcMethod method = found.get();
    RpcParams params;
    if (rawParams == null || rawParams.isNull()) {
      params = RpcParams.empty();
    } else if (rawParams.isArray()) {
      List<JsonNode> values = new ArrayList<>(rawParams.size());
      rawParams.forEach(values::add);
      params = new RpcParams(values);
    } else {
      return CompletableFuture.failedFuture(RpcError.invalidParams("non-array args").toException());
    }
    if (params.size() > method.maxParams()) {
      return CompletableFuture.failedFuture(
          RpcError.invalidParams("too many arguments, want at most " + method.maxParams()).toException());
    }
    try {
      return CompletableFuture.supplyAsync(() -> invoke(method, params, session), executor)
          .thenCompose(stage -> stage);
    } catch (RuntimeException rejected) {
      // the worker pool is shutting down
      return CompletableFuture.failedFuture(rejected);
    }
  }

  private static CompletionStage<JsonNode> invoke(RpcMethod method, RpcParams params, RpcSession session) {
    try {
      CompletionStage<JsonNode> stage = method.execute(params, session);
      return stage == null ? CompletableFuture.failedFuture(new IllegalStateException("null stage")) : stage;
    } catch (RpcException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void observe(String method, RpcError error, long startedNanos) {
    try {
      observer.onCall(registry.method(method).isPresent() ? method : "unknown",
          error == null ? "ok" : error.code().name().toLowerCase(java.util.Locale.ROOT), System.nanoTime() - startedNanos);
    } catch (RuntimeException e) {
      LOG.warn("RPC call observer failed", e);
    }
  }

  private static RpcError toRpcError(String method, Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RpcException rpc) {
      return rpc.error();
    }
    if (cause instanceof RejectedExecutionException) {
      return RpcError.server("server busy");
    }
    if (cause instanceof TimeoutException) {
      return RpcError.timeout();
    }
    LOG.warn("method {} failed", method, cause);
    return RpcError.internal();
  }

  private static JsonNode firstCallId(JsonNode batch) {
    for (JsonNode request : batch) {
      if (request.isObject() && request.has("id")) {
        return request.get("id");
      }
    }
    return NullNode.getInstance();
  }

  public static ObjectNode resultResponse(JsonNode id, JsonNode result) {
    ObjectNode response = RpcJson.NODES.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", id);
    response.set("result", result);
    return response;
  }

  public static ObjectNode errorResponse(JsonNode id, RpcError error) {
    ObjectNode body = RpcJson.NODES.objectNode();
    body.put("code", error.code().code());
    body.put("message", error.message());
    if (error.data() != null) {
      body.set("data", error.data());
    }
    ObjectNode response = RpcJson.NODES.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", id);
    response.set("error", body);
    return response;
  }

  private static String strictUtf8(byte[] body) throws CharacterCodingException {
    CharBuffer chars =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(body));
    return chars.toString();
  }

  private static <T> CompletableFuture<Optional<T>> done(T value) {
    return CompletableFuture.completedFuture(Optional.of(value));
  }
}
