package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.BlockJson;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumber;
import dev.raftseq.rpc.params.HexParams;

/** eth_getBlockByNumber(block, fullTransactions): null for a block not (yet) applied. */
public final class EthGetBlockByNumber implements SyncRpcMethod {
  private final BlockResolver blocks;

  public EthGetBlockByNumber(EthBackend backend) {
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_getBlockByNumber";
  }

  @Override
  public int maxParams() {
    return 2;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    BlockNumber number = params.required(0, BlockNumber.READER);
    boolean full = params.required(1, HexParams.BOOL);
    return blocks.block(number).<JsonNode>map(b -> BlockJson.block(b, full)).orElse(NullNode.getInstance());
  }
}
