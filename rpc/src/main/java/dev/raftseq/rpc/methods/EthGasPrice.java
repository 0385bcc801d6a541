package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;

/** eth_gasPrice: the next block's base fee plus the suggested tip, as geth. */
public final class EthGasPrice implements SyncRpcMethod {
  private final EthBackend backend;

  public EthGasPrice(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "eth_gasPrice";
  }

  @Override
  public int maxParams() {
    return 0;
  }

  @Override
  public JsonNode result(RpcParams params) {
    return TextNode.valueOf(Quantity.of(backend.nextBaseFee().add(backend.suggestedTip())));
  }
}
