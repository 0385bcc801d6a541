package dev.raftseq.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Blocks read back over JSON-RPC, with what the seal carries: its term and millisecond timestamp. */
final class ChainHistory {
  /** One block as a client sees it. */
  record BlockInfo(long number, String hash, String parentHash, String miner, long term, long timestampMillis) {}

  private ChainHistory() {}

  static BlockInfo block(JsonRpcClient rpc, long number) {
    JsonNode b = rpc.result("eth_getBlockByNumber", "0x" + Long.toHexString(number), false);
    String extra = b.get("extraData").asText().substring(2);
    // the seal's vanity: term (8 bytes), block time in ms (8 bytes), 16 zero bytes, then the signature
    long term = Long.parseUnsignedLong(extra.substring(0, 16), 16);
    long millis = Long.parseUnsignedLong(extra.substring(16, 32), 16);
    return new BlockInfo(number, b.get("hash").asText(), b.get("parentHash").asText(),
        b.get("miner").asText().toLowerCase(java.util.Locale.ROOT), term, millis);
  }

  static long head(JsonRpcClient rpc) {
    return JsonRpcClient.quantity(rpc.result("eth_blockNumber"));
  }

  static List<BlockInfo> blocks(JsonRpcClient rpc, long from, long to) {
    List<BlockInfo> out = new ArrayList<>();
    for (long n = from; n <= to; n++) {
      out.add(block(rpc, n));
    }
    return out;
  }

  /** Every node has the same block at every height of the range, and the hash chain is unbroken. */
  static void assertSameChain(List<JsonRpcClient> nodes, long from, long to) {
    List<BlockInfo> reference = blocks(nodes.get(0), from, to);
    for (int i = 1; i < nodes.size(); i++) {
      assertThat(blocks(nodes.get(i), from, to)).as("node %s", i).isEqualTo(reference);
    }
    for (int k = 1; k < reference.size(); k++) {
      assertThat(reference.get(k).parentHash()).isEqualTo(reference.get(k - 1).hash());
      assertThat(reference.get(k).timestampMillis()).isGreaterThanOrEqualTo(reference.get(k - 1).timestampMillis());
    }
  }

  /** The longest time between consecutive blocks of the list, in ms. */
  static long maxGapMillis(List<BlockInfo> blocks) {
    long max = 0;
    for (int k = 1; k < blocks.size(); k++) {
      max = Math.max(max, blocks.get(k).timestampMillis() - blocks.get(k - 1).timestampMillis());
    }
    return max;
  }
}
