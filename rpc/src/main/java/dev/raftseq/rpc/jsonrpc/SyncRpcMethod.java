package dev.raftseq.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A method whose answer is computed at once (possibly blocking on reads); most are. */
public interface SyncRpcMethod extends RpcMethod {
  JsonNode result(RpcParams params) throws RpcException;

  @Override
  default CompletionStage<JsonNode> execute(RpcParams params, RpcSession session) throws RpcException {
    return CompletableFuture.completedFuture(result(params));
  }
}
