package dev.raftseq.chain.trie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link OrderedTrie#root} (a stack trie) against the general trie's root of the same rlp(i) keys,
 * which is how the root was computed before, and against known roots.
 */
class OrderedTrieTest {
  private static final int[] SIZES = {0, 1, 2, 15, 16, 17, 127, 128, 129, 255, 256, 257, 1000, 5000};

  /** The general path: every rlp(i) put into an empty trie (empty values are deletions). */
  static Hash referenceRoot(List<byte[]> values) {
    return OrderedTrie.rootByGeneralTrie(values);
  }

  /** How value lengths are drawn: long, short enough to embed, all identical, or with gaps. */
  enum Values {
    ANY_LENGTH,
    SHORT,
    IDENTICAL,
    WITH_EMPTY;

    List<byte[]> draw(Random r, int n) {
      byte[] same = new byte[1 + r.nextInt(200)];
      r.nextBytes(same);
      List<byte[]> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] v =
            switch (this) {
              case ANY_LENGTH -> new byte[r.nextInt(201)];
              case SHORT -> new byte[1 + r.nextInt(31)];
              case IDENTICAL -> same;
              case WITH_EMPTY -> new byte[r.nextInt(4) == 0 ? 0 : r.nextInt(201)];
            };
        if (v != same) {
          r.nextBytes(v);
        }
        out.add(v);
      }
      return out;
    }
  }

  @Test
  void matchesTheGeneralTrieAtBoundarySizes() {
    for (Values kind : Values.values()) {
      for (int n : SIZES) {
        List<byte[]> values = kind.draw(new Random(31L * n + kind.ordinal()), n);
        assertThat(OrderedTrie.root(values)).as(kind + " n=" + n).isEqualTo(referenceRoot(values));
      }
    }
  }

  @Test
  void matchesTheGeneralTrieAtRandomSizes() {
    Random r = new Random(2024);
    for (int trial = 0; trial < 60; trial++) {
      int n = r.nextInt(trial < 40 ? 300 : 3000);
      Values kind = Values.values()[r.nextInt(Values.values().length)];
      List<byte[]> values = kind.draw(r, n);
      assertThat(OrderedTrie.root(values))
          .as("trial %d: %s n=%d", trial, kind, n)
          .isEqualTo(referenceRoot(values));
    }
  }

  @Test
  void matchesTheGeneralTrieAcrossThreeByteIndices() {
    // rlp(65535) = 0x82ffff, rlp(65536) = 0x83010000
    List<byte[]> values = Values.SHORT.draw(new Random(65536), 65_600);
    assertThat(OrderedTrie.root(values)).isEqualTo(referenceRoot(values));
  }

  @Test
  void matchesTheIndependentReference() {
    Random r = new Random(7);
    for (int n : new int[] {1, 2, 17, 129, 300}) {
      List<byte[]> values = Values.SHORT.draw(r, n);
      Map<byte[], byte[]> content = ReferenceTrie.newMap();
      for (int i = 0; i < n; i++) {
        content.put(RlpWriter.encodeLong(i), values.get(i));
      }
      assertThat(OrderedTrie.root(values)).as("n=" + n).isEqualTo(ReferenceTrie.root(content));
    }
  }

  @Test
  void emptyListsAndAllEmptyValuesGiveTheEmptyRoot() {
    assertThat(OrderedTrie.root(List.of())).isEqualTo(Hash.EMPTY_TRIE);
    assertThat(OrderedTrie.root(List.of(new byte[0], new byte[0]))).isEqualTo(Hash.EMPTY_TRIE);
  }

  @Test
  void oneShortValueIsALeafHashedAtTheRoot() {
    // leaf [hp(8,0 leaf) = 0x2080, 0x01]: c4 82 2080 01, only 5 bytes but the root is still hashed
    assertThat(OrderedTrie.root(List.of(new byte[] {1})))
        .isEqualTo(Keccak.hash(Hex.decode("0xc482208001")));
  }

  @Test
  void twoShortValuesAreLeavesEmbeddedInABranch() {
    // keys rlp(1) = 0x01 and rlp(0) = 0x80: a branch with leaf [0x31, 0x0b] at nibble 0 and
    // leaf [0x30, 0x0a] at nibble 8, both embedded, and no value
    String empty7 = "80".repeat(7);
    String branch = "d5" + "c2310b" + empty7 + "c2300a" + empty7 + "80";
    assertThat(OrderedTrie.root(List.of(new byte[] {0x0a}, new byte[] {0x0b})))
        .isEqualTo(Keccak.hash(Hex.decode(branch)));
  }

  @Test
  void oneTransactionBlockFromEthereumTests() {
    // block 1 of an ethereum/tests BlockchainTests case: one legacy transfer, header
    // transactionsTrie 0x498785da...2796 (the transaction is the block RLP's second item)
    byte[] tx =
        Hex.decode(
            "0xf864800a82c35094095e7baea6a6c7c4c2dfeb977efac326af552d8785012a05f200801c"
                + "a0ee0b9ec878fbd4258a9473199d8ecc32996a20c323c004e79e0cda20e0418ce3"
                + "a04e6bc63927d1510bab54f37e46fa036faf4b2c465d271920d9afea1fadf7bd21");
    assertThat(OrderedTrie.root(List.of(tx)))
        .isEqualTo(Hash.fromHex("0x498785da562aa0c5dd5937cf15f22139b0b1bcf3b4fc48986e1bb1dae9292796"));
  }

  @Test
  void rlpIndexMatchesTheRlpWriter() {
    byte[] out = new byte[9];
    for (int i : new int[] {0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0xffffff, 0x1000000, Integer.MAX_VALUE}) {
      int length = OrderedTrie.rlpIndex(out, i);
      assertThat(Arrays.copyOf(out, length)).as("i=" + i).isEqualTo(RlpWriter.encodeLong(i));
    }
  }
}
