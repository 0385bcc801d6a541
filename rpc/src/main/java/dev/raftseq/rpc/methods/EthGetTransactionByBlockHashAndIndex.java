package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.HexParams;

/** eth_getTransactionByBlockHashAndIndex(hash, index). */
public final class EthGetTransactionByBlockHashAndIndex implements SyncRpcMethod {
  private final EthBackend backend;

  public EthGetTransactionByBlockHashAndIndex(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "eth_getTransactionByBlockHashAndIndex";
  }

  @Override
  public int maxParams() {
    return 2;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    Hash hash = params.required(0, HexParams.HASH);
    long index = params.required(1, HexParams.UINT);
    return TxByIndex.of(backend.chain().blockByHash(hash), index);
  }
}
