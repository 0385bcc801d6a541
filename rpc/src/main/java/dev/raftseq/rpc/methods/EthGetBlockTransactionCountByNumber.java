package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.Quantity;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumber;

/** eth_getBlockTransactionCountByNumber(block): null for an unknown block. */
public final class EthGetBlockTransactionCountByNumber implements SyncRpcMethod {
  private final BlockResolver blocks;

  public EthGetBlockTransactionCountByNumber(EthBackend backend) {
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_getBlockTransactionCountByNumber";
  }

  @Override
  public int maxParams() {
    return 1;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    BlockNumber number = params.required(0, BlockNumber.READER);
    return blocks.block(number)
        .<JsonNode>map(b -> TextNode.valueOf(Quantity.of(b.transactions().size())))
        .orElse(NullNode.getInstance());
  }
}
