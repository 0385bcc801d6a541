package dev.raftseq.rpc;

/**
 * Told of every JSON-RPC call the server answered (one per request, batch members included), for
 * metrics: the node turns it into {@code rpc_requests_seconds{method,outcome}}. Called on the thread
 * that completed the call; must return quickly and never throw.
 */
@FunctionalInterface
public interface RpcCallObserver {
  RpcCallObserver NONE = (method, outcome, nanos) -> { };

  /**
   * @param method the method's name when the server has it, otherwise {@code "unknown"} (so a client
   *     cannot create unbounded label values)
   * @param outcome {@code "ok"}, or the error's kind: {@code invalid_request}, {@code method_not_found},
   *     {@code invalid_params}, {@code internal_error}, {@code server_error} (e.g. a rejected
   *     transaction), {@code execution_reverted}
   * @param nanos from the request's dispatch to its answer
   */
  void onCall(String method, String outcome, long nanos);
}
