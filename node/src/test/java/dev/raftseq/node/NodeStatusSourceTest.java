package dev.raftseq.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.Durability;
import dev.raftseq.chain.testing.InMemoryChainStore;
import dev.raftseq.replay.SyncProgress;
import dev.raftseq.status.NodeStatus;
import dev.raftseq.status.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class NodeStatusSourceTest {
  private final AtomicReference<SyncProgress> progress = new AtomicReference<>();

  private static InMemoryChainStore chain() throws Exception {
    GenesisSpec spec = GenesisSpec.read(SeedPaths.genesis());
    InMemoryChainStore store = new InMemoryChainStore(spec.chainId(), Durability.SYNC_EACH_WRITE);
    GenesisResult g = Genesis.build(spec, store);
    store.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
    return store;
  }

  @Test
  void anExternalNodeIsReadyOnlyWhenItHasEveryBlockItsPeersHave() throws Exception {
    NodeStatusSource source = NodeStatusSource.external(chain());
    source.syncFrom(progress::get);
    progress.set(new SyncProgress(0, 0, 0, 0, 0));
    assertThat(source.readiness().ready()).as("still starting").isFalse();
    source.markStarted();
    assertThat(source.readiness().reason()).isEqualTo("no peer to sync from");
    progress.set(new SyncProgress(0, 40, 2, 0, 0));
    assertThat(source.readiness().reason()).isEqualTo("syncing: head 0, peers have 40");
    progress.set(new SyncProgress(40, 40, 2, 40, 0));
    assertThat(source.readiness().ready()).isTrue();
  }

  @Test
  void anExternalNodeReportsNoRaftAndItsSync() throws Exception {
    NodeStatusSource source = NodeStatusSource.external(chain());
    source.syncFrom(progress::get);
    progress.set(new SyncProgress(0, 17, 1, 0, 0));
    NodeStatus s = source.status();
    assertThat(s.role()).isEqualTo(Role.EXTERNAL);
    assertThat(s.raft()).isEmpty();
    assertThat(s.batcher().enabled()).isFalse();
    assertThat(s.sync()).hasValueSatisfying(sync -> {
      assertThat(sync.highestSeen()).isEqualTo(17);
      assertThat(sync.peers()).isEqualTo(1);
      assertThat(sync.caughtUp()).isFalse();
    });
  }

  @Test
  void aSingleNodeWithoutP2pReportsNoSync() throws Exception {
    NodeStatusSource source = new NodeStatusSource(chain(), Optional.empty(), () -> new dev.raftseq.status.BatcherStatus(true));
    source.markStarted();
    assertThat(source.status().role()).isEqualTo(Role.SINGLE);
    assertThat(source.status().sync()).isEmpty();
    assertThat(source.readiness().ready()).isTrue();
  }

  /** The repository's genesis file, found upwards from the module directory. */
  private static final class SeedPaths {
    static Path genesis() {
      for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
        Path g = d.resolve("local-chains/genesis.json");
        if (java.nio.file.Files.isRegularFile(g)) {
          return g;
        }
      }
      throw new IllegalStateException("no local-chains/genesis.json");
    }
  }
}
