package dev.raftseq.chain.trie;

import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.List;

/** Roots of index-keyed tries: a block's transactions root and receipts root. */
public final class OrderedTrie {
  private OrderedTrie() {}

  /** The root of the trie mapping rlp(i) to {@code values.get(i)}; empty list gives the empty root. */
  public static Hash root(List<byte[]> values) {
    List<TrieChange> changes = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      changes.add(TrieChange.put(RlpWriter.encodeLong(i), values.get(i)));
    }
    return MerklePatriciaTrie.transientTrie().update(Hash.EMPTY_TRIE, changes).root();
  }
}
