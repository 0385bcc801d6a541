package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.HexParams;

/** eth_getBlockTransactionCountByHash(hash): null for an unknown hash. */
public final class EthGetBlockTransactionCountByHash implements SyncRpcMethod {
  private final EthBackend backend;

  public EthGetBlockTransactionCountByHash(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "eth_getBlockTransactionCountByHash";
  }

  @Override
  public int maxParams() {
    return 1;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    return backend.chain().blockByHash(params.required(0, HexParams.HASH))
        .<JsonNode>map(b -> TextNode.valueOf(Quantity.of(b.transactions().size())))
        .orElse(NullNode.getInstance());
  }
}
