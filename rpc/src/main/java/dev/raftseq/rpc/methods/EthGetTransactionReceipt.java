package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.TxLocation;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.json.ReceiptJson;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.SyncRpcMethod;
import dev.raftseq.rpc.params.HexParams;
import java.util.List;
import java.util.Optional;

/** eth_getTransactionReceipt: null until the transaction is in an applied block. */
public final class EthGetTransactionReceipt implements SyncRpcMethod {
  private final EthBackend backend;

  public EthGetTransactionReceipt(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "eth_getTransactionReceipt";
  }

  @Override
  public int maxParams() {
    return 1;
  }

  @Override
  public JsonNode result(RpcParams params) throws RpcException {
    Hash hash = params.required(0, HexParams.HASH);
    Optional<TxLocation> location = backend.chain().transactionLocation(hash);
    if (location.isEmpty()) {
      return NullNode.getInstance();
    }
    TxLocation at = location.get();
    Optional<Block> block = backend.chain().blockByHash(at.blockHash());
    if (block.isEmpty()) {
      return NullNode.getInstance();
    }
    List<Receipt> receipts = backend.chain().receipts(at.blockHash());
    if (at.index() >= receipts.size() || at.index() >= block.get().transactions().size()) {
      return NullNode.getInstance();
    }
    return ReceiptJson.of(block.get(), receipts, at.index());
  }
}
