package dev.raftseq.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.p2p.Enode;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.testing.TestNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedSignersTest {
  private static final NodeId SELF = NodeId.of(TestNode.key(1));
  private static final NodeId B = NodeId.of(TestNode.key(2));
  private static final NodeId C = NodeId.of(TestNode.key(3));

  @Test
  void consensusPeerIdsWinOverBootNodesAndNeverIncludeSelf() {
    AllowedSigners s = AllowedSigners.of(List.of(SELF, B), List.of(new Enode(C, "127.0.0.1", 3060)), SELF);
    assertThat(s.addresses()).containsExactly(B.address());
    assertThat(s.test(SELF.address())).isFalse();
    assertThat(s.test(C.address())).isFalse();
  }

  @Test
  void withoutConsensusIdsTheTrustedBootNodesSign() {
    // the seed's external-node example: its own id in the list, and two ids at one address
    List<Enode> boot = List.of(new Enode(B, "127.0.0.1", 3060), new Enode(SELF, "127.0.0.1", 3060));
    AllowedSigners s = AllowedSigners.of(List.of(), boot, SELF);
    assertThat(s.addresses()).containsExactly(B.address());
  }
}
