package dev.raftseq.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The {@code error} member of a JSON-RPC response. Messages follow geth's texts where a client
 * might match on them. {@code data} is null when absent.
 */
public record RpcError(RpcErrorCode code, String message, JsonNode data) {
  public RpcError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public RpcError(RpcErrorCode code, String message) {
    this(code, message, null);
  }

  public static RpcError parseError() {
    return new RpcError(RpcErrorCode.PARSE_ERROR, "parse error");
  }

  public static RpcError invalidRequest(String message) {
    return new RpcError(RpcErrorCode.INVALID_REQUEST, message);
  }

  public static RpcError methodNotFound(String method) {
    return new RpcError(
        RpcErrorCode.METHOD_NOT_FOUND, "the method " + method + " does not exist/is not available");
  }

  public static RpcError invalidParams(String message) {
    return new RpcError(RpcErrorCode.INVALID_PARAMS, message);
  }

  public static RpcError internal() {
    return new RpcError(RpcErrorCode.INTERNAL_ERROR, "internal error");
  }

  public static RpcError server(String message) {
    return new RpcError(RpcErrorCode.SERVER_ERROR, message);
  }

  /** geth's text for a call that outlived the request timeout. */
  public static RpcError timeout() {
    return new RpcError(RpcErrorCode.TIMEOUT, "request timed out");
  }

  /** geth's text for a response over the size limit. */
  public static RpcError responseTooLarge() {
    return new RpcError(RpcErrorCode.RESPONSE_TOO_LARGE, "response too large");
  }

  public static RpcError limitExceeded(String message) {
    return new RpcError(RpcErrorCode.LIMIT_EXCEEDED, message);
  }

  public RpcException toException() {
    return new RpcException(this);
  }
}
