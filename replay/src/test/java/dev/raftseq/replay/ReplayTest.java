package dev.raftseq.replay;

import static dev.raftseq.p2p.testing.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.p2p.DisconnectReason;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.Peer;
import dev.raftseq.p2p.sync.SyncListener;
import dev.raftseq.p2p.sync.ZksCodec;
import dev.raftseq.p2p.sync.ZksMessage;
import dev.raftseq.p2p.testing.RawPeer;
import dev.raftseq.p2p.wire.MessageFrames;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.raftseq.p2p.PeerInfo;
import dev.raftseq.p2p.sync.CommittedTxSource;
import dev.raftseq.p2p.testing.ChainFixture;
import dev.raftseq.p2p.testing.TestNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replicas syncing real chains over real sockets on loopback, and rogue peers. */
class ReplayTest {
  private static final NodeKey SEQUENCER = TestNode.key(1);
  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private <T extends AutoCloseable> T keep(T t) {
    open.add(t);
    return t;
  }

  private RocksChainStore source(String name, int blocks) {
    RocksChainStore s = keep(ChainFixture.genesisStore(dir.resolve(name)));
    ChainFixture.extend(s, SEQUENCER, blocks, 3);
    return s;
  }

  private static void assertSameChain(RocksChainStore a, RocksChainStore b) {
    assertThat(b.head().number()).isEqualTo(a.head().number());
    for (long n = 0; n <= a.head().number(); n++) {
      assertThat(b.blockByNumber(n).orElseThrow().hash()).as("block %d", n).isEqualTo(a.blockByNumber(n).orElseThrow().hash());
    }
    assertThat(b.head().header().stateRoot()).isEqualTo(a.head().header().stateRoot());
  }

  /** The source produces a block and announces it, as the sequencer core will after each commit. */
  private static void produce(RocksChainStore store, TestNode node, int txs) {
    BlockCommit c = ChainFixture.next(store, SEQUENCER, txs, 1);
    store.commit(c);
    node.zks.announce(c.block());
  }

  @Test
  void anEmptyReplicaSyncsAndThenFollowsPushedBlocks() {
    RocksChainStore chain = source("source", 60);
    TestNode src = keep(new TestNode(SEQUENCER, chain, List.of()).start());
    ReplicaNode replica = keep(new ReplicaNode(dir.resolve("replica"), TestNode.key(2), List.of(src.enode()), List.of()));

    assertThat(await(30_000, () -> replica.head() == 60)).isTrue();
    assertSameChain(chain, replica.store);
    assertThat(await(5_000, () -> replica.replayer.progress().caughtUp())).isTrue();

    for (int i = 0; i < 5; i++) {
      produce(chain, src, 2);
      long want = chain.head().number();
      // pushed, not polled: the replica has it long before any request retry (200 ms) fires
      assertThat(await(10_000, () -> replica.head() == want)).isTrue();
    }
    assertSameChain(chain, replica.store);
    SyncProgress p = replica.replayer.progress();
    assertThat(p.ownHead()).isEqualTo(65);
    assertThat(p.highestSeen()).isEqualTo(65);
    assertThat(p.applied()).isEqualTo(65);
    assertThat(p.rejected()).isZero();
  }

  @Test
  void aConsensusNodeFetchesOnlyWhatItIsAskedFor() throws Exception {
    RocksChainStore chain = source("source", 30);
    var tx = chain.blockByNumber(30).orElseThrow().transactions().get(0);
    dev.raftseq.p2p.sync.UnincludedSnapshot pending = new dev.raftseq.p2p.sync.UnincludedSnapshot(30, chain.head().hash(),
        List.of(new ZksMessage.CommittedTx(tx.sender(), tx.unsafeEncoded())));
    TestNode src = keep(new TestNode(SEQUENCER, chain, TestNode.config(List.of()), (max, bytes) -> pending).start());
    ReplicaNode follower = keep(new ReplicaNode(dir.resolve("follower"), TestNode.key(2), TestNode.config(List.of(src.enode())),
        List.of(src.enode()), List.of(src.id(), NodeId.of(TestNode.key(2))), false));
    assertThat(await(10_000, () -> follower.replayer.progress().peers() == 1)).isTrue();
    // connected and told of head 30, but Raft is in charge: nothing is fetched
    assertThat(await(1_000, () -> follower.head() > 0)).isFalse();

    Block reached = follower.replayer.catchUpTo(20).get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(reached.number()).isEqualTo(20);
    assertThat(reached.hash()).isEqualTo(chain.blockByNumber(reached.number()).orElseThrow().hash());
    produce(chain, src, 1); // pushed, but beyond what was asked for
    assertThat(await(1_000, () -> follower.head() > 20)).isFalse();
    assertThat(follower.head()).isEqualTo(20);

    dev.raftseq.p2p.sync.UnincludedSnapshot got = follower.replayer.fetchUnincluded(1000).get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(got.headNumber()).isEqualTo(30);
    assertThat(got.txs()).extracting(ZksMessage.CommittedTx::sender).containsExactly(tx.sender());
  }

  @Test
  void threeNodesAReplicaOfAReplica() {
    RocksChainStore chain = source("source", 40);
    TestNode src = keep(new TestNode(SEQUENCER, chain, List.of()).start());
    List<NodeId> consensus = List.of(src.id());
    ReplicaNode r1 = keep(new ReplicaNode(dir.resolve("r1"), TestNode.key(2), List.of(src.enode()), consensus));
    // r2 knows only r1: blocks reach it through r1, still checked against the sequencer key
    ReplicaNode r2 = keep(new ReplicaNode(dir.resolve("r2"), TestNode.key(3), List.of(r1.p2p.enode()), consensus));

    assertThat(await(30_000, () -> r1.head() == 40 && r2.head() == 40)).isTrue();
    for (int i = 0; i < 3; i++) {
      produce(chain, src, 1);
    }
    assertThat(await(10_000, () -> r1.head() == 43 && r2.head() == 43)).isTrue();
    assertSameChain(chain, r1.store);
    assertSameChain(chain, r2.store);
    assertThat(r2.p2p.network.peers()).extracting(PeerInfo::id).containsExactly(r1.p2p.id());
  }

  @Test
  void aBlockSealedByAnUntrustedKeyIsRejected() {
    rogueServes(honest -> ChainFixture.next(honest, TestNode.key(66), 2, 1).block(), "not a trusted sequencer key");
  }

  @Test
  void aBlockWithACorruptSealIsRejected() {
    rogueServes(honest -> {
      Block b = ChainFixture.next(honest, SEQUENCER, 2, 1).block();
      byte[] extra = b.header().extraData();
      extra[extra.length - 10] ^= 0x55;
      return BlockCodec.block(BlockCodec.withExtraData(b.header(), extra), b.transactions());
    }, "not a trusted sequencer key");
  }

  @Test
  void aBlockWithAWrongStateRootIsRejected() {
    rogueServes(honest -> resealed(ChainFixture.next(honest, SEQUENCER, 2, 1).block(),
        h -> withStateRoot(h, new Hash(new byte[32]))), "state root");
  }

  @Test
  void aBlockOnAnotherParentIsRejected() {
    rogueServes(honest -> resealed(ChainFixture.next(honest, SEQUENCER, 2, 1).block(),
        h -> withParent(h, new Hash(filled((byte) 7)))), "parent hash");
  }

  @Test
  void aPeerThatNeverAnswersIsWorkedAround() throws Exception {
    RocksChainStore chain = source("source", 30);
    TestNode src = keep(new TestNode(SEQUENCER, chain, List.of()).start());
    ReplicaNode replica = keep(new ReplicaNode(dir.resolve("replica"), TestNode.key(2), List.of(), List.of(src.id())));
    NodeKey silentKey = TestNode.key(12);
    // a peer on our chain claiming head 30 that ignores every request
    try (RawPeer silent = RawPeer.handshake(replica.p2p.network.listenPort(), silentKey, replica.p2p.id(), 1 << 20)) {
      silent.sendHello(silentKey, List.of(ZksCodec.CAPABILITY));
      silent.readUntil(MessageFrames.HELLO);
      MessageFrames.Message status = silent.readUntil(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.STATUS);
      ZksMessage.Status theirs = (ZksMessage.Status) ZksCodec.decode(ZksCodec.STATUS, status.data());
      silent.send(status.id(), ZksCodec.encode(new ZksMessage.Status(1, theirs.chainId(), theirs.genesisHash(), 30,
          chain.head().hash())));
      assertThat(await(10_000, () -> replica.replayer.progress().peers() == 1)).isTrue();
      // the honest source connects only now, so the first requests go to the silent peer
      replica.p2p.network.connect(src.enode());
      assertThat(await(30_000, () -> replica.head() == 30)).isTrue();
    }
    assertSameChain(chain, replica.store);
  }

  @Test
  void withAnHonestAndARoguePeerTheReplicaEndsOnTheHonestChain() {
    RocksChainStore honest = source("honest", 20);
    RocksChainStore prefix = keep(ChainFixture.genesisStore(dir.resolve("prefix")));
    for (long n = 1; n <= 10; n++) {
      var block = honest.blockByNumber(n).orElseThrow();
      try {
        prefix.commit(new dev.raftseq.chain.exec.BlockImporter(prefix, prefix.chainId(), a -> true)
            .verify(block, prefix.head().header(), prefix.headState(), null));
      } catch (dev.raftseq.chain.exec.InvalidBlockException e) {
        throw new AssertionError(e);
      }
    }
    Block forged = ChainFixture.next(prefix, TestNode.key(66), 2, 1).block();
    TestNode good = keep(new TestNode(SEQUENCER, honest, List.of()).start());
    TestNode rogue = keep(new TestNode(TestNode.key(9), new ForgingChain(prefix, forged), TestNode.config(List.of()),
        CommittedTxSource.NONE).start());
    ReplicaNode replica = keep(new ReplicaNode(dir.resolve("replica"), TestNode.key(2),
        List.of(rogue.enode(), good.enode()), List.of(NodeId.of(SEQUENCER))));

    assertThat(await(30_000, () -> replica.head() == 20)).isTrue();
    assertSameChain(honest, replica.store);
    assertThat(replica.replayer.progress().rejected()).isLessThanOrEqualTo(1);
  }

  /**
   * A rogue serves the honest chain up to 10 and a forged block 11; the replica applies 1..10,
   * rejects 11, drops the rogue and keeps its chain at 10 (while the rogue keeps being redialled).
   */
  private void rogueServes(java.util.function.Function<RocksChainStore, Block> forge, String reason) {
    RocksChainStore honest = source("honest", 10);
    Block forged = forge.apply(honest);
    Hash tenth = honest.head().hash();
    TestNode rogue = keep(new TestNode(TestNode.key(9), new ForgingChain(honest, forged), TestNode.config(List.of()),
        CommittedTxSource.NONE).start());
    List<DisconnectReason> droppedWith = new CopyOnWriteArrayList<>();
    rogue.zks.setListener(new SyncListener() {
      @Override
      public void onPeerGone(Peer peer, DisconnectReason why) {
        droppedWith.add(why);
      }
    });
    // the replica trusts the honest sequencer's key, not the rogue's
    ReplicaNode replica = keep(new ReplicaNode(dir.resolve("replica"), TestNode.key(2), List.of(rogue.enode()),
        List.of(NodeId.of(SEQUENCER))));

    assertThat(await(30_000, () -> replica.replayer.progress().rejected() >= 1)).isTrue();
    assertThat(replica.head()).isEqualTo(10);
    assertThat(replica.store.head().hash()).isEqualTo(tenth);
    assertThat(replica.replayer.recentRejections().get(0))
        .startsWith("block 11")
        .contains(rogue.id().toHex())
        .contains(reason);
    assertThat(await(5_000, () -> droppedWith.contains(DisconnectReason.BREACH_OF_PROTOCOL))).isTrue();
    // the replica redials its boot node, but never takes the forged block
    assertThat(await(1_500, () -> replica.head() != 10)).isFalse();
    assertThat(replica.store.head().hash()).isEqualTo(tenth);
    assertThat(replica.store.blockByNumber(11)).isEmpty();
    SyncProgress p = replica.replayer.progress();
    assertThat(p.rejected()).isEqualTo(1);
    assertThat(p.peers()).isZero();
    assertThat(p.caughtUp()).isFalse();
  }

  private static Block resealed(Block b, UnaryOperator<Header> edit) {
    Header h = edit.apply(b.header());
    byte[] vanity = java.util.Arrays.copyOf(h.extraData(), Header.VANITY_BYTES);
    Header sealed = SealFields.seal(BlockCodec.withExtraData(h, vanity), SEQUENCER);
    return BlockCodec.block(sealed, b.transactions());
  }

  private static Header withStateRoot(Header h, Hash root) {
    return new Header(h.parentHash(), h.ommersHash(), h.coinbase(), root, h.transactionsRoot(), h.receiptsRoot(),
        h.logsBloom(), h.difficulty(), h.number(), h.gasLimit(), h.gasUsed(), h.timestamp(), h.extraData(), h.mixHash(),
        h.nonce(), h.baseFeePerGas(), h.withdrawalsRoot(), h.blobGasUsed(), h.excessBlobGas(), h.parentBeaconBlockRoot());
  }

  private static Header withParent(Header h, Hash parent) {
    return new Header(parent, h.ommersHash(), h.coinbase(), h.stateRoot(), h.transactionsRoot(), h.receiptsRoot(),
        h.logsBloom(), h.difficulty(), h.number(), h.gasLimit(), h.gasUsed(), h.timestamp(), h.extraData(), h.mixHash(),
        h.nonce(), h.baseFeePerGas(), h.withdrawalsRoot(), h.blobGasUsed(), h.excessBlobGas(), h.parentBeaconBlockRoot());
  }

  private static byte[] filled(byte b) {
    byte[] a = new byte[32];
    java.util.Arrays.fill(a, b);
    return a;
  }
}
