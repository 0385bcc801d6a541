package dev.raftseq.chain.trie;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;

/**
 * Trie nodes may arrive from outside (state sync, a damaged disk): any bytes decode to a node or
 * fail with {@link NodeRlp.RlpException}, and a decoded node re-encodes to exactly its input.
 */
class NodeDecodeFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void decodeAcceptsOnlyCanonicalNodes(byte[] input) {
    Hash h = Keccak.hash(input);
    Node n;
    try {
      n = Node.decode(input, h);
    } catch (NodeRlp.RlpException expected) {
      return;
    }
    // re-encode a dirty copy: canonical inputs round-trip
    Node copy = dirtyCopy(n);
    Map<Hash, byte[]> out = new LinkedHashMap<>();
    byte[] ref = Node.commit(copy, out);
    byte[] reEncoded = ref.length < 32 ? ref : out.get(copy.hash);
    Assertions.assertThat(reEncoded).isEqualTo(input);
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
