package dev.raftseq.chain.trie;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

/**
 * A deliberately naive trie root: the Yellow Paper's recursive definition over the full sorted
 * key set, encoded with web3j's RLP. Independent of the production code except for keccak.
 */
final class ReferenceTrie {
  private ReferenceTrie() {}

  static SortedMap<byte[], byte[]> newMap() {
    return new TreeMap<>(Arrays::compareUnsigned);
  }

  static Hash root(Map<byte[], byte[]> entries) {
    List<byte[][]> nibbleEntries = new ArrayList<>();
    SortedMap<byte[], byte[]> sorted = newMap();
    sorted.putAll(entries);
    for (var e : sorted.entrySet()) {
      nibbleEntries.add(new byte[][] {toNibbles(e.getKey()), e.getValue()});
    }
    if (nibbleEntries.isEmpty()) {
      return Keccak.hash(RlpEncoder.encode(RlpString.create(new byte[0])));
    }
    return Keccak.hash(RlpEncoder.encode(node(nibbleEntries, 0)));
  }

  private static RlpType node(List<byte[][]> entries, int off) {
    if (entries.size() == 1) {
      byte[] key = entries.get(0)[0];
      return new RlpList(
          RlpString.create(hexPrefix(Arrays.copyOfRange(key, off, key.length), true)),
          RlpString.create(entries.get(0)[1]));
    }
    int common = Integer.MAX_VALUE;
    byte[] first = entries.get(0)[0];
    for (byte[][] e : entries) {
      int c = 0;
      while (off + c < first.length && off + c < e[0].length && first[off + c] == e[0][off + c]) {
        c++;
      }
      common = Math.min(common, c);
    }
    if (common > 0) {
      return new RlpList(
          RlpString.create(hexPrefix(Arrays.copyOfRange(first, off, off + common), false)),
          ref(node(entries, off + common)));
    }
    List<RlpType> items = new ArrayList<>();
    byte[] value = new byte[0];
    for (int nibble = 0; nibble < 16; nibble++) {
      List<byte[][]> group = new ArrayList<>();
      for (byte[][] e : entries) {
        if (e[0].length > off && e[0][off] == nibble) {
          group.add(e);
        }
      }
      items.add(group.isEmpty() ? RlpString.create(new byte[0]) : ref(node(group, off + 1)));
    }
    for (byte[][] e : entries) {
      if (e[0].length == off) {
        value = e[1];
      }
    }
    items.add(RlpString.create(value));
    return new RlpList(items);
  }

  private static RlpType ref(RlpType node) {
    byte[] enc = RlpEncoder.encode(node);
    return enc.length < 32 ? node : RlpString.create(Keccak.digest(enc));
  }

  private static byte[] toNibbles(byte[] key) {
    byte[] out = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      out[2 * i] = (byte) ((key[i] & 0xff) >> 4);
      out[2 * i + 1] = (byte) (key[i] & 0x0f);
    }
    return out;
  }

  private static byte[] hexPrefix(byte[] nibbles, boolean leaf) {
    int flag = (leaf ? 2 : 0) + (nibbles.length % 2);
    byte[] withFlag;
    if (nibbles.length % 2 == 1) {
      withFlag = new byte[nibbles.length + 1];
      withFlag[0] = (byte) flag;
      System.arraycopy(nibbles, 0, withFlag, 1, nibbles.length);
    } else {
      withFlag = new byte[nibbles.length + 2];
      withFlag[0] = (byte) flag;
      System.arraycopy(nibbles, 0, withFlag, 2, nibbles.length);
    }
    byte[] out = new byte[withFlag.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((withFlag[2 * i] << 4) | withFlag[2 * i + 1]);
    }
    return out;
  }
}
