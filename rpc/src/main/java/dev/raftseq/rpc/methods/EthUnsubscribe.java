package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcMethod;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.RpcSession;
import dev.raftseq.rpc.params.Target;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** eth_unsubscribe(id): true, or -32000 "subscription not found" (also over HTTP, as geth). */
public final class EthUnsubscribe implements RpcMethod {
  @Override
  public String name() {
    return "eth_unsubscribe";
  }

  @Override
  public int maxParams() {
    return 1;
  }

  @Override
  public CompletionStage<JsonNode> execute(RpcParams params, RpcSession session) throws RpcException {
    String id = params.required(0, EthUnsubscribe::id);
    boolean removed = session.subscriptions().map(s -> s.remove(id)).orElse(false);
    if (!removed) {
      throw RpcError.server("subscription not found").toException();
    }
    return CompletableFuture.completedFuture(BooleanNode.TRUE);
  }

  private static String id(JsonNode node) throws InvalidParamException {
    if (!node.isTextual()) {
      throw new Target("rpc.ID", null).cannotUnmarshal(Target.kind(node));
    }
    return node.textValue();
  }
}
