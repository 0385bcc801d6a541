package dev.raftseq.chain.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** The stack trie on keys other than rlp(i): sorted fixed-length keys, dense and sparse. */
class StackTrieTest {

  private static Hash stackRoot(SortedMap<byte[], byte[]> content) {
    StackTrie trie = new StackTrie();
    content.forEach((k, v) -> trie.add(k, k.length, v));
    return trie.root();
  }

  private static Hash generalRoot(SortedMap<byte[], byte[]> content) {
    List<TrieChange> changes = new ArrayList<>();
    content.forEach((k, v) -> changes.add(TrieChange.put(k, v)));
    return MerklePatriciaTrie.transientTrie().update(Hash.EMPTY_TRIE, changes).root();
  }

  @Test
  void matchesTheGeneralTrieOnRandomSortedKeys() {
    Random r = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      // short keys collide on long prefixes (extensions, embedded nodes); 32-byte keys rarely do
      int keyLength = trial % 4 == 3 ? 32 : 1 + trial % 3;
      int n = 1 + r.nextInt(trial % 2 == 0 ? 20 : 400);
      SortedMap<byte[], byte[]> content = ReferenceTrie.newMap();
      for (int i = 0; i < n; i++) {
        byte[] k = new byte[keyLength];
        r.nextBytes(k);
        if (keyLength <= 2) {
          k[0] &= 0x13; // crowd the keys into a few subtrees
        }
        byte[] v = new byte[1 + r.nextInt(r.nextBoolean() ? 8 : 100)];
        r.nextBytes(v);
        content.put(k, v);
      }
      assertThat(stackRoot(content))
          .as("trial %d: %d keys of %d bytes", trial, content.size(), keyLength)
          .isEqualTo(generalRoot(content));
    }
  }

  @Test
  void rejectsKeysOutOfOrderRepeatedOrPrefixedAndEmptyValues() {
    byte[] v = {1};
    StackTrie trie = new StackTrie();
    trie.add(new byte[] {0x10, 0x20}, 2, v);
    assertThatThrownBy(() -> trie.add(new byte[] {0x10, 0x1f}, 2, v))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trie.add(new byte[] {0x10, 0x20}, 2, v))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trie.add(new byte[] {0x10, 0x20, 0x00}, 3, v))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trie.add(new byte[] {0x10}, 1, v))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> trie.add(new byte[] {0x11}, 1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    // a rejected key leaves the trie as it was
    trie.add(new byte[] {0x10, 0x21}, 2, v);
    SortedMap<byte[], byte[]> content = ReferenceTrie.newMap();
    content.put(new byte[] {0x10, 0x20}, v);
    content.put(new byte[] {0x10, 0x21}, v);
    assertThat(trie.root()).isEqualTo(generalRoot(content));
  }
}
