package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.BlockNumber;
import dev.raftseq.rpc.params.HexParams;

/** eth_getTransactionByBlockNumberAndIndex(block, index). */
public final class EthGetTransactionByBlockNumberAndIndex implements SyncRpcMethod {
  private final BlockResolver blocks;

  public EthGetTransactionByBlockNumberAndIndex(EthBackend backend) {
    this.blocks = new BlockResolver(backend.chain());
  }

  @Override
  public String name() {
    return "eth_getTransactionByBlockNumberAndIndex";
  }

  @Override
  public int maxParams() {
    return 2;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    BlockNumber number = params.required(0, BlockNumber.READER);
    long index = params.required(1, HexParams.UINT);
    return TxByIndex.of(blocks.block(number), index);
  }
}
