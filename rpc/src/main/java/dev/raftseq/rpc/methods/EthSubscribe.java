package dev.raftseq.rpc.methods;

import dev.raftseq.rpc.params.LogFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.BlockJson;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcErrorCode;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcMethod;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.RpcSession;
import dev.raftseq.rpc.jsonrpc.Subscriptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * eth_subscribe("newHeads") over WebSocket: the subscription id, then one eth_subscription
 * notification per applied block with its header (geth's shape). eth_subscribe("logs", filter?):
 * one notification per log of each applied block that matches the filter's addresses and
 * topics. Other kinds and HTTP are -32601 with geth's texts.
 */
public final class EthSubscribe implements RpcMethod {
  private final EthBackend backend;

  public EthSubscribe(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "eth_subscribe";
  }

  @Override
  public int maxParams() {
    return 2;
  }

  @Override
  public CompletionStage<JsonNode> execute(RpcParams params, RpcSession session) throws RpcException {
    Subscriptions subscriptions = session.subscriptions()
        .orElseThrow(() -> new RpcError(RpcErrorCode.METHOD_NOT_FOUND, "notifications not supported").toException());
    String kind;
    try {
      kind = params.required(0, EthSubscribe::name);
    } catch (RpcException e) {
      throw RpcError.invalidParams("expected subscription name as first argument").toException();
    }
    if ("logs".equals(kind)) {
      LogFilter filter = params.optional(1, LogFilter.READER)
          .orElse(new LogFilter(null, null, null, java.util.Set.of(), java.util.List.of()));
      String id = subscriptions.add(sink -> backend.subscribeNewHeads(block -> {
        com.fasterxml.jackson.databind.node.ArrayNode logs = dev.raftseq.rpc.jsonrpc.RpcJson.NODES.arrayNode();
        EthGetLogs.collect(backend.chain(), block, filter, logs);
        logs.forEach(sink);
      }));
      return CompletableFuture.completedFuture(TextNode.valueOf(id));
    }
    if (!"newHeads".equals(kind)) {
      throw new RpcError(RpcErrorCode.METHOD_NOT_FOUND, "no \"" + kind + "\" subscription in eth namespace")
          .toException();
    }
    if (params.size() > 1) {
      throw RpcError.invalidParams("too many arguments, want at most 1").toException();
    }
    String id = subscriptions.add(
        sink -> backend.subscribeNewHeads(block -> sink.accept(BlockJson.header(block.header(), block.hash()))));
    return CompletableFuture.completedFuture(TextNode.valueOf(id));
  }

  private static String name(JsonNode node) throws InvalidParamException {
    if (!node.isTextual()) {
      throw new InvalidParamException("expected subscription name as first argument");
    }
    return node.textValue();
  }
}
