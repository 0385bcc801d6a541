package dev.raftseq.replay;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.p2p.Enode;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.P2pConfig;
import dev.raftseq.p2p.sync.CommittedTxSource;
import dev.raftseq.p2p.sync.ZksLimits;
import dev.raftseq.p2p.testing.ChainFixture;
import dev.raftseq.p2p.testing.TestNode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** A replaying node for tests: its own store, p2p endpoint and replayer. */
final class ReplicaNode implements AutoCloseable {
  final RocksChainStore store;
  final TestNode p2p;
  final BlockReplayer replayer;

  ReplicaNode(Path dir, NodeKey key, List<Enode> boot, Collection<NodeId> consensusIds) {
    this(dir, key, TestNode.config(boot), boot, consensusIds);
  }

  ReplicaNode(Path dir, NodeKey key, P2pConfig config, List<Enode> boot, Collection<NodeId> consensusIds) {
    this(dir, key, config, boot, consensusIds, true);
  }

  ReplicaNode(Path dir, NodeKey key, P2pConfig config, List<Enode> boot, Collection<NodeId> consensusIds, boolean follow) {
    store = ChainFixture.genesisStore(dir);
    // short request timeout: a peer that does not answer is given up on quickly
    p2p = new TestNode(key, store, config, CommittedTxSource.NONE,
        new ZksLimits(ZksLimits.DEFAULT.maxResponseBytes(), ZksLimits.DEFAULT.maxUnincludedBytes(), java.time.Duration.ofSeconds(1)));
    NodeId self = NodeId.of(key);
    replayer = new BlockReplayer(self, store, store, AllowedSigners.of(consensusIds, boot, self),
        new StoreBlockSink(store), p2p.zks, new ReplayConfig(16, 4, 256, 2, java.time.Duration.ofMillis(200)));
    replayer.start(follow);
    p2p.start();
  }

  long head() {
    return store.head().number();
  }

  @Override
  public void close() {
    p2p.close();
    replayer.close();
    store.close();
  }
}
