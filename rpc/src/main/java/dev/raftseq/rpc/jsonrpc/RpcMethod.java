package dev.raftseq.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionStage;

/**
 * One JSON-RPC method. {@link #execute} runs on a worker thread, so it may block on chain reads;
 * it answers an error by throwing {@link RpcException} (or failing the stage with one). A result
 * that arrives later (a transaction waiting for Raft commit) is returned as an incomplete stage,
 * which must not block a thread while it waits.
 */
public interface RpcMethod {
  String name();

  /** More positional parameters than this is "too many arguments, want at most N". */
  int maxParams();

  /** The result as JSON ({@code NullNode} for null). */
  CompletionStage<JsonNode> execute(RpcParams params, RpcSession session) throws RpcException;
}
