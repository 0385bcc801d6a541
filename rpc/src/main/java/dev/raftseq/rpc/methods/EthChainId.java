package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;

/** eth_chainId: the EIP-155 chain id as a quantity. */
public final class EthChainId implements SyncRpcMethod {
  private final EthBackend backend;

  public EthChainId(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "eth_chainId";
  }

  @Override
  public int maxParams() {
    return 0;
  }

  @Override
  public JsonNode result(RpcParams params) {
    return TextNode.valueOf(Quantity.of(backend.chain().chainId()));
  }
}
