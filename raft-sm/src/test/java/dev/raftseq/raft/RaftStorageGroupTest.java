package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.Keccak;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Raft group binds the chain id and the genesis hash; storage of another group is never adopted. */
class RaftStorageGroupTest {
  @TempDir Path dir;

  @Test
  void storageMadeUnderTheChainIdOnlyGroupIdIsMigratedAndRecovered() throws Exception {
    try (TestCluster c = TestCluster.create(1, dir)) {
      c.startAll();
      c.produceBlocks(c.awaitProducer(), "a", 3);
      c.stop(0);
      Path storage = c.slot(0).storage;
      Path current = storage.resolve(RaftNode.groupId(TestCluster.CHAIN_ID, TestCluster.GENESIS_HASH).getUuid().toString());
      Path legacy = storage.resolve(RaftNode.legacyGroupId(TestCluster.CHAIN_ID).getUuid().toString());
      Files.move(current, legacy);

      c.start(0);
      assertThat(Files.isDirectory(current)).isTrue();
      assertThat(Files.exists(legacy)).isFalse();
      c.produceBlocks(c.awaitProducer(), "b", 2);
      assertThat(c.chain(0).blocks()).hasSize(6);
      assertThat(c.node(0).halted()).isNotDone();
    }
  }

  @Test
  void storageOfAnotherGenesisIsRefusedWithBothGroups() {
    try (TestCluster c = TestCluster.create(1, dir)) {
      c.startAll();
      c.produceBlocks(c.awaitProducer(), "a", 1);
      c.stop(0);
      RaftNodeConfig otherGenesis = RaftNodeConfig.of(c.slot(0).nodeId, TestCluster.CHAIN_ID,
          Keccak.hash(new byte[] {7}), c.config(0).peers(), c.slot(0).storage, true);

      assertThatThrownBy(() -> new RaftNode(otherGenesis, java.util.Optional.empty()).start(new FakeChain()))
          .hasMessageContaining("holds group " + RaftNode.groupId(TestCluster.CHAIN_ID, TestCluster.GENESIS_HASH).getUuid())
          .hasMessageContaining("another chain or genesis");
    }
  }
}
