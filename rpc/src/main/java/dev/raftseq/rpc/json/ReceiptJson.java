package dev.raftseq.rpc.json;

import dev.raftseq.chain.exec.ContractAddress;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.Log;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import java.util.List;

/** Receipts in geth's JSON shape (MarshalReceipt). */
public final class ReceiptJson {
  private ReceiptJson() {}

  /** The receipt of the transaction at {@code index} of {@code block}, given the block's receipts. */
  public static ObjectNode of(Block block, List<Receipt> receipts, int index) {
    RecoveredTx recovered = block.transactions().get(index);
    Transaction tx = recovered.tx();
    Receipt receipt = receipts.get(index);
    long previousCumulative = index == 0 ? 0 : receipts.get(index - 1).cumulativeGasUsed();
    int firstLogIndex = 0;
    for (int i = 0; i < index; i++) {
      firstLogIndex += receipts.get(i).logs().size();
    }
    ObjectNode o = RpcJson.NODES.objectNode();
    o.put("blockHash", block.hash().toHex());
    o.put("blockNumber", Quantity.of(block.number()));
    o.put("transactionHash", recovered.hash().toHex());
    o.put("transactionIndex", Quantity.of(index));
    o.put("from", recovered.sender().toHex());
    if (tx.to() != null) {
      o.put("to", tx.to().toHex());
    } else {
      o.putNull("to");
    }
    o.put("cumulativeGasUsed", Quantity.of(receipt.cumulativeGasUsed()));
    o.put("gasUsed", Quantity.of(receipt.cumulativeGasUsed() - previousCumulative));
    o.put("effectiveGasPrice", Quantity.of(tx.effectiveGasPrice(block.header().baseFeePerGas())));
    if (tx.isContractCreation()) {
      o.put("contractAddress", ContractAddress.of(recovered.sender(), tx.nonce()).toHex());
    } else {
      o.putNull("contractAddress");
    }
    ArrayNode logs = o.putArray("logs");
    int logIndex = firstLogIndex;
    for (Log log : receipt.logs()) {
      logs.add(LogJson.of(log, block, recovered, index, logIndex++));
    }
    o.put("logsBloom", Hex.encode(receipt.logsBloom()));
    o.put("type", Quantity.of(receipt.type().code()));
    o.put("status", receipt.success() ? "0x1" : "0x0");
    return o;
  }
}
