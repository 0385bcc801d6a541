package dev.raftseq.chain.exec;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Root of the Merkle-Patricia trie mapping rlp(i) to the i-th value (transactions and receipts
 * roots), built from scratch. Stands in until the trie package's OrderedTrie is on this branch.
 */
final class OrderedTrieRoot {
  private OrderedTrieRoot() {}

  private record Entry(byte[] nibbles, byte[] value) {}

  static Hash root(List<byte[]> values) {
    if (values.isEmpty()) {
      return Hash.EMPTY_TRIE;
    }
    List<Entry> entries = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      entries.add(new Entry(nibbles(RlpWriter.encodeLong(i)), values.get(i)));
    }
    entries.sort(Comparator.comparing(Entry::nibbles, java.util.Arrays::compare));
    return Keccak.hash(node(entries, 0));
  }

  private static byte[] node(List<Entry> entries, int depth) {
    if (entries.size() == 1) {
      Entry e = entries.get(0);
      return new RlpWriter().startList().writeBytes(hexPrefix(e.nibbles, depth, e.nibbles.length, true))
          .writeBytes(e.value).endList().toByteArray();
    }
    int common = commonPrefix(entries, depth);
    if (common > 0) {
      byte[] child = node(entries, depth + common);
      RlpWriter w = new RlpWriter().startList()
          .writeBytes(hexPrefix(entries.get(0).nibbles, depth, depth + common, false));
      return reference(w, child).endList().toByteArray();
    }
    RlpWriter w = new RlpWriter().startList();
    byte[] value = new byte[0];
    int i = 0;
    if (entries.get(0).nibbles.length == depth) {
      value = entries.get(0).value;
      i = 1;
    }
    for (int nibble = 0; nibble < 16; nibble++) {
      int start = i;
      while (i < entries.size() && entries.get(i).nibbles[depth] == nibble) {
        i++;
      }
      if (start == i) {
        w.writeBytes(new byte[0]);
      } else {
        reference(w, node(entries.subList(start, i), depth + 1));
      }
    }
    return w.writeBytes(value).endList().toByteArray();
  }

  /** Children shorter than 32 bytes are embedded, longer ones referenced by hash. */
  private static RlpWriter reference(RlpWriter w, byte[] child) {
    return child.length < 32 ? w.writeRaw(child) : w.writeBytes(Keccak.digest(child));
  }

  private static int commonPrefix(List<Entry> entries, int depth) {
    byte[] first = entries.get(0).nibbles;
    byte[] last = entries.get(entries.size() - 1).nibbles; // sorted: first and last bound the rest
    int n = 0;
    while (depth + n < first.length && depth + n < last.length && first[depth + n] == last[depth + n]) {
      n++;
    }
    return n;
  }

  private static byte[] hexPrefix(byte[] nibbles, int from, int to, boolean leaf) {
    int len = to - from;
    boolean odd = (len & 1) == 1;
    byte[] out = new byte[len / 2 + 1];
    out[0] = (byte) ((leaf ? 0x20 : 0) | (odd ? 0x10 | nibbles[from] : 0));
    int n = odd ? from + 1 : from;
    for (int k = 1; k < out.length; k++, n += 2) {
      out[k] = (byte) ((nibbles[n] << 4) | nibbles[n + 1]);
    }
    return out;
  }

  private static byte[] nibbles(byte[] key) {
    byte[] out = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      out[2 * i] = (byte) ((key[i] >> 4) & 0xf);
      out[2 * i + 1] = (byte) (key[i] & 0xf);
    }
    return out;
  }
}
