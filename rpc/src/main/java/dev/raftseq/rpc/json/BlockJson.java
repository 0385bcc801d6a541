package dev.raftseq.rpc.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxLocation;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import java.nio.ByteBuffer;

/** Blocks and headers in geth's JSON shape (eth_getBlockBy*, newHeads notifications). */
public final class BlockJson {
  private BlockJson() {}

  /** geth's RPCMarshalHeader: the header fields plus its hash (the newHeads payload). */
  public static ObjectNode header(Header h, Hash hash) {
    ObjectNode o = RpcJson.NODES.objectNode();
    o.put("number", Quantity.of(h.number()));
    o.put("hash", hash.toHex());
    o.put("parentHash", h.parentHash().toHex());
    o.put("nonce", Hex.encode(ByteBuffer.allocate(8).putLong(h.nonce()).array()));
    o.put("mixHash", h.mixHash().toHex());
    o.put("sha3Uncles", h.ommersHash().toHex());
    o.put("logsBloom", Hex.encode(h.logsBloom()));
    o.put("stateRoot", h.stateRoot().toHex());
    o.put("miner", h.coinbase().toHex());
    o.put("difficulty", Quantity.of(h.difficulty()));
    o.put("extraData", Hex.encode(h.extraData()));
    o.put("gasLimit", Quantity.of(h.gasLimit()));
    o.put("gasUsed", Quantity.of(h.gasUsed()));
    o.put("timestamp", Quantity.of(h.timestamp()));
    o.put("transactionsRoot", h.transactionsRoot().toHex());
    o.put("receiptsRoot", h.receiptsRoot().toHex());
    o.put("baseFeePerGas", Quantity.of(h.baseFeePerGas()));
    o.put("withdrawalsRoot", h.withdrawalsRoot().toHex());
    o.put("blobGasUsed", Quantity.of(h.blobGasUsed()));
    o.put("excessBlobGas", Quantity.of(h.excessBlobGas()));
    o.put("parentBeaconBlockRoot", h.parentBeaconBlockRoot().toHex());
    return o;
  }

  /**
   * geth's RPCMarshalBlock: header fields, size (RLP length), transactions (hashes or full
   * objects), empty uncles and withdrawals. totalDifficulty is kept for older clients (geth
   * dropped it) when it is known: zero, on this chain whose blocks are sealed with difficulty 0.
   */
  public static ObjectNode block(Block block, boolean fullTransactions) {
    Header h = block.header();
    ObjectNode o = header(h, block.hash());
    if (h.difficulty() == 0) {
      // every block of this chain is sealed with difficulty 0, so the sum is 0; unknown otherwise
      o.put("totalDifficulty", "0x0");
    }
    o.put("size", Quantity.of(BlockCodec.encodeBlock(block).length));
    ArrayNode txs = o.putArray("transactions");
    int index = 0;
    for (RecoveredTx tx : block.transactions()) {
      if (fullTransactions) {
        txs.add(TxJson.of(tx, new TxLocation(block.hash(), block.number(), index), h.baseFeePerGas()));
      } else {
        txs.add(tx.hash().toHex());
      }
      index++;
    }
    o.putArray("uncles");
    o.putArray("withdrawals");
    return o;
  }
}
