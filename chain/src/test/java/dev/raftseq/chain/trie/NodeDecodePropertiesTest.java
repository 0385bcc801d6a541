package dev.raftseq.chain.trie;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Stored trie nodes that are damaged (flipped, truncated, extended bytes) or arbitrary bytes
 * either decode to a node that re-encodes to exactly those bytes, or fail with the declared
 * exception; nothing else escapes. Nodes come only from our own database (damage, not an
 * adversary), so mutations of real nodes are the relevant inputs.
 */
class NodeDecodePropertiesTest {
  private static final List<byte[]> VALID = validNodes();

  private static List<byte[]> validNodes() {
    Random r = new Random(1);
    List<TrieChange> changes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] key = new byte[1 + r.nextInt(4)];
      r.nextBytes(key);
      byte[] value = new byte[1 + r.nextInt(40)];
      r.nextBytes(value);
      changes.add(TrieChange.put(i % 2 == 0 ? key : Keccak.digest(key), value));
    }
    return new ArrayList<>(MerklePatriciaTrie.transientTrie().update(Hash.EMPTY_TRIE, changes).newNodes().values());
  }

  @Property(tries = 2000)
  void damagedNodesDecodeCanonicallyOrFailCleanly(@ForAll long seed) {
    Random r = new Random(seed);
    byte[] node = VALID.get(r.nextInt(VALID.size())).clone();
    int edits = 1 + r.nextInt(3);
    for (int i = 0; i < edits; i++) {
      switch (r.nextInt(4)) {
        case 0 -> node[r.nextInt(node.length)] ^= (byte) (1 << r.nextInt(8));
        case 1 -> node[r.nextInt(node.length)] = (byte) r.nextInt(256);
        case 2 -> node = Arrays.copyOf(node, Math.max(1, r.nextInt(node.length)));
        default -> {
          node = Arrays.copyOf(node, node.length + 1 + r.nextInt(3));
          node[node.length - 1] = (byte) r.nextInt(256);
        }
      }
    }
    checkDecode(node);
  }

  @Property(tries = 2000)
  void arbitraryBytesDecodeCanonicallyOrFailCleanly(@ForAll @Size(max = 80) byte[] input) {
    checkDecode(input);
  }

  @Property(tries = 1)
  void validNodesRoundTrip() {
    assertThat(VALID).hasSizeGreaterThan(100);
    for (byte[] n : VALID) {
      assertThat(checkDecode(n)).isTrue();
    }
  }

  /** True when the input decoded (and re-encoded to itself). */
  private static boolean checkDecode(byte[] input) {
    Node n;
    try {
      n = Node.decode(input, Keccak.hash(input));
    } catch (NodeRlp.RlpException expected) {
      return false;
    }
    Map<Hash, byte[]> out = new LinkedHashMap<>();
    Node copy = dirtyCopy(n);
    byte[] ref = Node.commit(copy, out);
    byte[] reEncoded = ref.length < 32 ? ref : out.get(copy.hash);
    assertThat(reEncoded).isEqualTo(input);
    return true;
  }

  private static Node dirtyCopy(Node n) {
    if (n == null || n instanceof Node.Ref) {
      return n;
    }
    if (n instanceof Node.Leaf l) {
      return new Node.Leaf(l.path, l.value);
    }
    if (n instanceof Node.Extension e) {
      return new Node.Extension(e.path, dirtyCopy(e.child));
    }
    Node.Branch b = (Node.Branch) n;
    Node[] children = new Node[16];
    for (int i = 0; i < 16; i++) {
      children[i] = dirtyCopy(b.children[i]);
    }
    return new Node.Branch(children, b.value);
  }
}
