package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.TxLocation;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.TxJson;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.HexParams;
import java.util.Optional;

/**
 * eth_getTransactionByHash: an included transaction with its block fields, else a pooled one
 * with null block fields, else null.
 */
public final class EthGetTransactionByHash implements SyncRpcMethod {
  private final EthBackend backend;

  public EthGetTransactionByHash(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "eth_getTransactionByHash";
  }

  @Override
  public int maxParams() {
    return 1;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    Hash hash = params.required(0, HexParams.HASH);
    Optional<TxLocation> location = backend.chain().transactionLocation(hash);
    if (location.isPresent()) {
      TxLocation at = location.get();
      Optional<Block> block = backend.chain().blockByHash(at.blockHash());
      if (block.isPresent() && at.index() < block.get().transactions().size()) {
        return TxJson.of(block.get().transactions().get(at.index()), at, block.get().header().baseFeePerGas());
      }
    }
    return backend.pendingTransaction(hash)
        .<JsonNode>map(tx -> TxJson.of(tx, null, null))
        .orElse(NullNode.getInstance());
  }
}
