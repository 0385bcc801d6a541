package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.BlockJson;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.HexParams;

/** eth_getBlockByHash(hash, fullTransactions): null for an unknown hash. */
public final class EthGetBlockByHash implements SyncRpcMethod {
  private final EthBackend backend;

  public EthGetBlockByHash(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "eth_getBlockByHash";
  }

  @Override
  public int maxParams() {
    return 2;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    var hash = params.required(0, HexParams.HASH);
    boolean full = params.required(1, HexParams.BOOL);
    return backend.chain().blockByHash(hash)
        .<JsonNode>map(b -> BlockJson.block(b, full))
        .orElse(NullNode.getInstance());
  }
}
