package dev.raftseq.chain.trie;

import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * Roots of index-keyed tries: a block's transactions root and receipts root. Built with a {@link
 * StackTrie}, as go-ethereum's DeriveSha (core/types/hashing.go) does: the keys rlp(i) are added in
 * the order 1..127, 0, 128.., which is their byte order (rlp(0) = 0x80 sorts after 0x01..0x7f).
 */
public final class OrderedTrie {
  private OrderedTrie() {}

  /**
   * The same root through the general trie update (every rlp(i) put into an empty trie; an empty
   * value is a deletion): the reference {@link #root} is tested and benchmarked against.
   */
  public static Hash rootByGeneralTrie(List<byte[]> values) {
    List<TrieChange> changes = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      changes.add(TrieChange.put(RlpWriter.encodeLong(i), values.get(i)));
    }
    return MerklePatriciaTrie.transientTrie().update(Hash.EMPTY_TRIE, changes).root();
  }

  /** The root of the trie mapping rlp(i) to {@code values.get(i)}; empty list gives the empty root. */
  public static Hash root(List<byte[]> values) {
    int n = values.size();
    StackTrie trie = new StackTrie();
    byte[] key = new byte[9];
    for (int i = 1; i < Math.min(n, 128); i++) {
      add(trie, key, i, values.get(i));
    }
    if (n > 0) {
      add(trie, key, 0, values.get(0));
    }
    for (int i = 128; i < n; i++) {
      add(trie, key, i, values.get(i));
    }
    return trie.root();
  }

  private static void add(StackTrie trie, byte[] key, int index, byte[] value) {
    // An empty value is a deletion in a general trie update, so the index is simply absent.
    if (value != null && value.length > 0) {
      trie.add(key, rlpIndex(key, index), value);
    }
  }

  /** Writes rlp(i) into {@code out}; returns its length. */
  static int rlpIndex(byte[] out, int i) {
    if (i == 0) {
      out[0] = (byte) 0x80;
      return 1;
    }
    if (i < 0x80) {
      out[0] = (byte) i;
      return 1;
    }
    int bytes = 4 - Integer.numberOfLeadingZeros(i) / 8;
    out[0] = (byte) (0x80 + bytes);
    for (int b = bytes; b >= 1; b--) {
      out[b] = (byte) i;
      i >>>= 8;
    }
    return 1 + bytes;
  }
}
