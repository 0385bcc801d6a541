package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RaftNodeConfigTest {
  private static final Hash G = Keccak.hash(new byte[] {1});
  private static final String A = "0x" + "a".repeat(128);
  private static final String B = "b".repeat(128);
  private static final List<RaftNodeConfig.Peer> PEERS = List.of(
      new RaftNodeConfig.Peer(A, "10.0.0.1", 3100), new RaftNodeConfig.Peer(B, "10.0.0.2", 3100));

  @Test
  void canonicalizesNodeIdsAndFindsTheLocalPeer() {
    RaftNodeConfig c = RaftNodeConfig.of("0X" + "B".repeat(128), 1, G, PEERS, Path.of("/tmp/x"), true);
    assertThat(c.localNodeId()).isEqualTo("0x" + B);
    assertThat(c.localPeer().address()).isEqualTo("10.0.0.2:3100");
    assertThat(new RaftNodeConfig.Peer(A, "::1", 1).address()).isEqualTo("[::1]:1");
  }

  @Test
  void rejectsInconsistentConfigs() {
    assertThatThrownBy(() -> RaftNodeConfig.of("0x" + "c".repeat(128), 1, G, PEERS, Path.of("x"), true))
        .hasMessageContaining("not among the peers");
    assertThatThrownBy(() -> RaftNodeConfig.of("0x1234", 1, G, PEERS, Path.of("x"), true))
        .hasMessageContaining("128 hex digits");
    assertThatThrownBy(() -> RaftNodeConfig.of(A, 1, G, List.of(PEERS.get(0), PEERS.get(0)), Path.of("x"), true))
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> new RaftNodeConfig.Peer(A, "h", 0)).hasMessageContaining("port");
  }

  @Test
  void retryCacheMustOutliveClientRetries() {
    RaftNodeConfig.Timeouts d = RaftNodeConfig.Timeouts.DEFAULT;
    assertThatThrownBy(() -> new RaftNodeConfig.Timeouts(d.electionMin(), d.electionMax(), d.firstElectionMin(),
        d.firstElectionMax(), d.rpcRequest(), d.rpcSlowness(), d.leaderStepDownWait(), d.clientRequest(),
        Duration.ofSeconds(40), d.propose(), Duration.ofSeconds(60), true))
        .hasMessageContaining("retryCacheExpiry");
    assertThatThrownBy(() -> d.withElection(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(1), Duration.ofMillis(2)))
        .hasMessageContaining("max must exceed min");
  }

  @Test
  void retentionRefusesNonsense() {
    assertThatThrownBy(() -> new RaftNodeConfig.Retention(0, 8, 0, 1024, 2)).hasMessageContaining("invalid retention");
    assertThatThrownBy(() -> new RaftNodeConfig.Retention(16, 8, -1, 1024, 2)).hasMessageContaining("invalid retention");
    assertThatThrownBy(() -> new RaftNodeConfig.Retention(16, 8, 0, 100, 2)).hasMessageContaining("invalid retention");
    // a segment smaller than the largest entry is fine: Ratis writes such an entry into the open segment
    RaftNodeConfig c = RaftNodeConfig.of(A, 1, G, PEERS, Path.of("x"), true);
    assertThat(c.withRetention(new RaftNodeConfig.Retention(16, 8, 0, 1024, 2)).retention().segmentSizeMaxBytes())
        .isEqualTo(1024);
  }

  @Test
  void groupIdIsDerivedFromTheChainIdAndTheGenesisHash() {
    Hash other = Keccak.hash(new byte[] {2});
    assertThat(RaftNode.groupId(271, G)).isEqualTo(RaftNode.groupId(271, G))
        .isNotEqualTo(RaftNode.groupId(272, G))
        .isNotEqualTo(RaftNode.groupId(271, other))
        .isNotEqualTo(RaftNode.legacyGroupId(271));
  }
}
