package dev.raftseq.rpc.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxLocation;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.rpc.jsonrpc.RpcJson;

/** Transactions in geth's JSON shape (RPCTransaction). */
public final class TxJson {
  private TxJson() {}

  /**
   * @param location where it was included, or null for a pending transaction (block fields null)
   * @param baseFee the including block's base fee (for the effective gas price), or null
   */
  public static ObjectNode of(RecoveredTx recovered, TxLocation location, Wei baseFee) {
    Transaction tx = recovered.tx();
    ObjectNode o = RpcJson.NODES.objectNode();
    if (location != null) {
      o.put("blockHash", location.blockHash().toHex());
      o.put("blockNumber", Quantity.of(location.blockNumber()));
    } else {
      o.putNull("blockHash");
      o.putNull("blockNumber");
    }
    o.put("from", recovered.sender().toHex());
    o.put("gas", Quantity.of(tx.gasLimit()));
    boolean dynamic = tx.type() == TxType.EIP1559;
    Wei gasPrice =
        dynamic && location != null && baseFee != null ? tx.effectiveGasPrice(baseFee) : tx.gasPrice();
    o.put("gasPrice", Quantity.of(gasPrice));
    if (dynamic) {
      o.put("maxFeePerGas", Quantity.of(tx.maxFeePerGas()));
      o.put("maxPriorityFeePerGas", Quantity.of(tx.maxPriorityFeePerGas()));
    }
    o.put("hash", recovered.hash().toHex());
    o.put("input", Hex.encode(tx.data()));
    o.put("nonce", Quantity.of(tx.nonce()));
    if (tx.to() != null) {
      o.put("to", tx.to().toHex());
    } else {
      o.putNull("to");
    }
    if (location != null) {
      o.put("transactionIndex", Quantity.of(location.index()));
    } else {
      o.putNull("transactionIndex");
    }
    o.put("value", Quantity.of(tx.value()));
    o.put("type", Quantity.of(tx.type().code()));
    if (tx.type() != TxType.LEGACY) {
      ArrayNode list = o.putArray("accessList");
      for (AccessTuple t : tx.accessList()) {
        ObjectNode entry = list.addObject();
        entry.put("address", t.address().toHex());
        ArrayNode keys = entry.putArray("storageKeys");
        for (Hash k : t.storageKeys()) {
          keys.add(k.toHex());
        }
      }
    }
    if (tx.chainId() != null && (tx.type() != TxType.LEGACY || tx.chainId() != 0)) {
      o.put("chainId", Quantity.of(tx.chainId()));
    }
    o.put("v", Quantity.of(tx.signature().v()));
    o.put("r", Quantity.of(tx.signature().r()));
    o.put("s", Quantity.of(tx.signature().s()));
    if (tx.type() != TxType.LEGACY) {
      o.put("yParity", Quantity.of(tx.signature().v()));
    }
    return o;
  }
}
