package dev.raftseq.chain.exec;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.trie.OrderedTrie;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import java.util.ArrayList;
import java.util.List;

/** The header fields committing to a block's transactions and receipts. */
final class BlockRoots {
  private BlockRoots() {}

  /** Root of the trie of EIP-2718 transaction envelopes keyed by rlp(index). */
  static Hash transactionsRoot(List<RecoveredTx> txs) {
    List<byte[]> encoded = new ArrayList<>(txs.size());
    for (RecoveredTx tx : txs) {
      encoded.add(tx.unsafeEncoded());
    }
    return OrderedTrie.root(encoded);
  }

  /** Root of the trie of EIP-2718 receipt envelopes keyed by rlp(index). */
  static Hash receiptsRoot(List<Receipt> receipts) {
    List<byte[]> encoded = new ArrayList<>(receipts.size());
    for (Receipt r : receipts) {
      encoded.add(BlockCodec.encodeReceipt(r));
    }
    return OrderedTrie.root(encoded);
  }
}
