package dev.raftseq.rpc.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.Log;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.rpc.jsonrpc.RpcJson;

/** Logs in geth's JSON shape; {@code logIndex} counts across the whole block. */
public final class LogJson {
  private LogJson() {}

  public static ObjectNode of(Log log, Block block, RecoveredTx tx, int txIndex, int logIndex) {
    ObjectNode o = RpcJson.NODES.objectNode();
    o.put("address", log.address().toHex());
    ArrayNode topics = o.putArray("topics");
    for (Hash t : log.topics()) {
      topics.add(t.toHex());
    }
    o.put("data", Hex.encode(log.data()));
    o.put("blockNumber", Quantity.of(block.number()));
    o.put("transactionHash", tx.hash().toHex());
    o.put("transactionIndex", Quantity.of(txIndex));
    o.put("blockHash", block.hash().toHex());
    o.put("blockTimestamp", Quantity.of(block.header().timestamp()));
    o.put("logIndex", Quantity.of(logIndex));
    o.put("removed", false);
    return o;
  }
}
