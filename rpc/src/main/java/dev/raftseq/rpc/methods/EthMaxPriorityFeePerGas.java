package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;

/** eth_maxPriorityFeePerGas: the backend's suggested tip. */
public final class EthMaxPriorityFeePerGas implements SyncRpcMethod {
  private final EthBackend backend;

  public EthMaxPriorityFeePerGas(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "eth_maxPriorityFeePerGas";
  }

  @Override
  public int maxParams() {
    return 0;
  }

  @Override
  public JsonNode result(RpcParams params) {
    return TextNode.valueOf(Quantity.of(backend.suggestedTip()));
  }
}
