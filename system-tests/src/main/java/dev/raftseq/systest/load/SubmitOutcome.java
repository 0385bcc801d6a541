package dev.raftseq.systest.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.systest.history.OpType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;

/**
 * What one eth_sendRawTransaction request tells the client, in Jepsen's terms. {@code ok}: the
 * node returned the hash (acknowledged). {@code fail}: the transaction was definitely not taken:
 * the connection was refused (the request never arrived) or the node rejected it with one of
 * geth's validation errors. {@code info}: anything else, above all timeouts, lost connections and
 * "already known": the transaction may be pending somewhere and may still be included.
 */
public record SubmitOutcome(OpType type, String error) {
  /** geth's texts for transactions a node refuses outright, checked before anything is replicated. */
  private static final List<String> DEFINITE_REJECTIONS = List.of(
      "nonce too low", "nonce too high", "nonce has max value", "insufficient funds", "replacement transaction underpriced",
      "transaction underpriced", "max fee per gas less than block base fee", "max priority fee per gas higher",
      "exceeds block gas limit", "intrinsic gas too low", "invalid chain id", "invalid sender", "sender not an eoa",
      "oversized data", "txpool is full", "account limit exceeded");

  public static SubmitOutcome ok() {
    return new SubmitOutcome(OpType.OK, null);
  }

  public boolean nonceTooLow() {
    return error != null && error.startsWith("nonce too low");
  }

  public boolean alreadyKnown() {
    return error != null && error.startsWith("already known");
  }

  public static SubmitOutcome of(JsonNode response) {
    if (response.has("result") && response.get("result").isTextual()) {
      return ok();
    }
    JsonNode err = response.path("error");
    String message = err.path("message").asText("malformed response: " + response);
    int code = err.path("code").asInt(0);
    if (code == -32000 && DEFINITE_REJECTIONS.stream().anyMatch(message::startsWith)) {
      return new SubmitOutcome(OpType.FAIL, message);
    }
    if (code == -32602 || code == -32600 || code == -32700) {
      return new SubmitOutcome(OpType.FAIL, code + " " + message);
    }
    return new SubmitOutcome(OpType.INFO, message);
  }

  public static SubmitOutcome of(IOException e) {
    // a refused connection never delivered the request; a connect timeout did not either
    if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException
        || (e.getCause() instanceof ConnectException)) {
      return new SubmitOutcome(OpType.FAIL, "connection refused: " + e);
    }
    if (e instanceof HttpTimeoutException) {
      return new SubmitOutcome(OpType.INFO, "timeout: " + e.getMessage());
    }
    return new SubmitOutcome(OpType.INFO, e.toString());
  }
}
