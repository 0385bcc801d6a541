package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.TxLocation;
import dev.raftseq.rpc.json.TxJson;
import java.util.Optional;

/** The transaction at an index of a block, or null (unknown block, index out of range). */
final class TxByIndex {
  private TxByIndex() {}

  static JsonNode of(Optional<Block> block, long index) {
    if (block.isEmpty() || index < 0 || index >= block.get().transactions().size()) {
      return NullNode.getInstance();
    }
    Block b = block.get();
    int i = (int) index;
    return TxJson.of(b.transactions().get(i), new TxLocation(b.hash(), b.number(), i), b.header().baseFeePerGas());
  }
}
