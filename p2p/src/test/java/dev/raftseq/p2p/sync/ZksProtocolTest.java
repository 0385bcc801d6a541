package dev.raftseq.p2p.sync;

import static dev.raftseq.p2p.testing.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.genesis.DevKeys;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.p2p.DisconnectReason;
import dev.raftseq.p2p.P2pConfig;
import dev.raftseq.p2p.Peer;
import dev.raftseq.p2p.testing.ChainFixture;
import dev.raftseq.p2p.testing.RawPeer;
import dev.raftseq.p2p.testing.TestNode;
import dev.raftseq.p2p.wire.MessageFrames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zks/1 protocol between two real endpoints: Status, ranges within limits, pushes, unincluded txs. */
class ZksProtocolTest {
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

  private RocksChainStore chain(String name, int blocks) {
    RocksChainStore s = keep(ChainFixture.genesisStore(dir.resolve(name)));
    ChainFixture.extend(s, SEQUENCER, blocks, 2);
    return s;
  }

  /** The sequencer key's node serving {@code served}, with no boot nodes. */
  private TestNode serving(RocksChainStore served) {
    return keep(new TestNode(SEQUENCER, served, TestNode.config(List.of()), CommittedTxSource.NONE).start());
  }

  /** A raw RLPx peer with key {@code me}, connected to {@code port} and past the Hello exchange (zks capability). */
  private static RawPeer helloed(int port, NodeKey me, dev.raftseq.p2p.NodeId remote) throws Exception {
    RawPeer raw = RawPeer.handshake(port, me, remote, 1 << 20);
    try {
      raw.sendHello(me, List.of(ZksCodec.CAPABILITY));
      raw.readUntil(MessageFrames.HELLO);
      return raw;
    } catch (Exception | AssertionError e) {
      raw.close();
      throw e;
    }
  }

  private static Peer peerOf(TestNode n) {
    return n.zks.peerHeads().get(0).peer();
  }

  @Test
  void rangesAreServedInOrderUpToTheByteLimit() throws Exception {
    RocksChainStore served = chain("served", 30);
    int oneBlock = served.encodedBlockByNumber(5).orElseThrow().length;
    ZksLimits small = new ZksLimits(Math.max(1024, oneBlock * 4 + 10), 4 << 20, Duration.ofSeconds(10));
    TestNode server = keep(new TestNode(SEQUENCER, served, TestNode.config(List.of()), CommittedTxSource.NONE, small).start());
    RocksChainStore empty = keep(ChainFixture.genesisStore(dir.resolve("client")));
    TestNode client = keep(new TestNode(TestNode.key(2), empty, TestNode.config(List.of(server.enode())), CommittedTxSource.NONE).start());
    assertThat(await(10_000, () -> client.zks.peerHeads().size() == 1)).isTrue();
    PeerHead head = client.zks.peerHeads().get(0);
    assertThat(head.number()).isEqualTo(30);
    assertThat(head.hash()).isEqualTo(served.head().hash());

    List<byte[]> got = client.zks.getBlocks(head.peer(), 3, 20).get(10, TimeUnit.SECONDS);
    assertThat(got.size()).isBetween(1, 5);
    long total = 0;
    for (int i = 0; i < got.size(); i++) {
      assertThat(got.get(i)).isEqualTo(served.encodedBlockByNumber(3 + i).orElseThrow());
      total += got.get(i).length;
    }
    assertThat(total).isLessThanOrEqualTo(small.maxResponseBytes());

    // past the head: an empty answer, not an error
    assertThat(client.zks.getBlocks(head.peer(), 31, 10).get(10, TimeUnit.SECONDS)).isEmpty();
    // the tail: only what exists
    assertThat(client.zks.getBlocks(head.peer(), 29, 10).get(10, TimeUnit.SECONDS)).hasSize(2);
  }

  @Test
  void aPeerAtTheParentGetsTheBlockPushedOthersTheHead() {
    RocksChainStore served = chain("served", 5);
    TestNode server = serving(served);
    List<String> heard = new CopyOnWriteArrayList<>();
    SyncListener recorder = new SyncListener() {
      @Override
      public void onNewBlock(Peer peer, long number, Hash hash, byte[] block) {
        heard.add("block " + number + " " + hash);
      }

      @Override
      public void onNewHead(Peer peer, long number, Hash hash) {
        heard.add("head " + number + " " + hash);
      }
    };
    // "atParent" has block 5 like the server; "behind" only genesis
    RocksChainStore copy = keep(ChainFixture.genesisStore(dir.resolve("copy")));
    for (long n = 1; n <= 5; n++) {
      copy.commit(recommit(served, copy, n));
    }
    TestNode atParent = keep(new TestNode(TestNode.key(2), copy, TestNode.config(List.of(server.enode())), CommittedTxSource.NONE));
    atParent.zks.setListener(recorder);
    atParent.start();
    RocksChainStore empty = keep(ChainFixture.genesisStore(dir.resolve("behind")));
    List<String> heardBehind = new CopyOnWriteArrayList<>();
    TestNode behind = keep(new TestNode(TestNode.key(3), empty, TestNode.config(List.of(server.enode())), CommittedTxSource.NONE));
    behind.zks.setListener(new SyncListener() {
      @Override
      public void onNewBlock(Peer peer, long number, Hash hash, byte[] block) {
        heardBehind.add("block " + number);
      }

      @Override
      public void onNewHead(Peer peer, long number, Hash hash) {
        heardBehind.add("head " + number + " " + hash);
      }
    });
    behind.start();
    assertThat(await(10_000, () -> server.zks.peerHeads().size() == 2)).isTrue();

    BlockCommit c = ChainFixture.next(served, SEQUENCER, 1, 1);
    served.commit(c);
    server.zks.announce(c.block());

    assertThat(await(5_000, () -> heard.size() == 1 && heardBehind.size() == 1)).isTrue();
    assertThat(heard).containsExactly("block 6 " + c.block().hash());
    assertThat(heardBehind).containsExactly("head 6 " + c.block().hash());
    // the server learns a peer's head only from that peer (neither has announced one yet)
    assertThat(server.zks.peerHeads()).extracting(PeerHead::number).containsOnly(5L, 0L);
  }

  private static BlockCommit recommit(RocksChainStore from, RocksChainStore to, long n) {
    var block = from.blockByNumber(n).orElseThrow();
    var importer = new dev.raftseq.chain.exec.BlockImporter(to, from.chainId(), a -> true);
    try {
      return importer.verify(block, to.head().header(), to.headState(), null);
    } catch (dev.raftseq.chain.exec.InvalidBlockException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void unincludedTransactionsComeFromThePort() throws Exception {
    RocksChainStore served = chain("served", 2);
    var tx = served.blockByNumber(2).orElseThrow().transactions().get(0);
    ZksMessage.LogPosition position = new ZksMessage.LogPosition(2, 17,
        List.of(dev.raftseq.p2p.NodeId.of(SEQUENCER), dev.raftseq.p2p.NodeId.of(TestNode.key(2))));
    UnincludedSnapshot snapshot = new UnincludedSnapshot(2, served.head().hash(),
        List.of(new ZksMessage.CommittedTx(tx.sender(), tx.unsafeEncoded())), false, java.util.Optional.of(position));
    List<Integer> asked = new CopyOnWriteArrayList<>();
    CommittedTxSource port = (max, bytes) -> {
      asked.add(max);
      return snapshot;
    };
    TestNode server = keep(new TestNode(SEQUENCER, served, TestNode.config(List.of()), port).start());
    RocksChainStore empty = keep(ChainFixture.genesisStore(dir.resolve("client")));
    TestNode client = keep(new TestNode(TestNode.key(2), empty, TestNode.config(List.of(server.enode())), CommittedTxSource.NONE).start());
    assertThat(await(10_000, () -> client.zks.peerHeads().size() == 1 && server.zks.peerHeads().size() == 1)).isTrue();

    UnincludedSnapshot got = client.zks.getUnincludedTxs(peerOf(client), 100).get(10, TimeUnit.SECONDS);
    assertThat(asked).containsExactly(100);
    assertThat(got.headNumber()).isEqualTo(2);
    assertThat(got.headHash()).isEqualTo(served.head().hash());
    assertThat(got.txs()).hasSize(1);
    assertThat(got.txs().get(0).sender()).isEqualTo(DevKeys.address(0));
    assertThat(got.txs().get(0).raw()).isEqualTo(tx.unsafeEncoded());
    assertThat(got.complete()).isFalse();
    assertThat(got.position()).contains(position);

    // a node without the set answers empty at its head
    UnincludedSnapshot none = server.zks.getUnincludedTxs(peerOf(server), 10).get(10, TimeUnit.SECONDS);
    assertThat(none.txs()).isEmpty();
    assertThat(none.headNumber()).isZero();
    assertThat(none.complete()).isTrue();
    assertThat(none.position()).isEmpty();
  }

  @Test
  void aPeerThatMissedAnnouncementsBeforeItsStatusIsToldTheHead() throws Exception {
    RocksChainStore served = chain("served", 1);
    TestNode server = serving(served);
    NodeKey me = TestNode.key(9);
    try (RawPeer raw = helloed(server.network.listenPort(), me, server.id())) {
      MessageFrames.Message status = raw.readUntil(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.STATUS);
      ZksMessage.Status told = (ZksMessage.Status) ZksCodec.decode(ZksCodec.STATUS, status.data());
      assertThat(told.headNumber()).isEqualTo(1);
      // the server applies and announces two blocks before our Status: we are not ready, so skipped
      ChainFixture.extend(served, SEQUENCER, 2, 1);
      server.zks.announce(served.blockByNumber(2).orElseThrow());
      server.zks.announce(served.blockByNumber(3).orElseThrow());
      raw.send(status.id(), ZksCodec.encode(new ZksMessage.Status(told.protocolVersion(), told.chainId(), told.genesisHash(),
          0, served.blockByNumber(0).orElseThrow().hash())));
      MessageFrames.Message next = raw.readUntil(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.NEW_HEAD);
      ZksMessage.NewHead head = (ZksMessage.NewHead) ZksCodec.decode(ZksCodec.NEW_HEAD, next.data());
      assertThat(head.number()).isEqualTo(3);
      assertThat(head.hash()).isEqualTo(served.head().hash());
    }
  }

  @Test
  void aPeerOnAnotherChainIsDropped() throws Exception {
    RocksChainStore served = chain("served", 1);
    TestNode server = serving(served);
    NodeKey me = TestNode.key(5);
    try (RawPeer raw = helloed(server.network.listenPort(), me, server.id())) {
      raw.send(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.STATUS, ZksCodec.encode(
          new ZksMessage.Status(1, ChainFixture.CHAIN_ID + 1, Hash.ZERO, 0, Hash.ZERO)));
      assertThat(raw.awaitDisconnect()).isEqualTo(DisconnectReason.USELESS_PEER);
    }
  }

  @Test
  void requestsBeforeStatusAndOversizedRangesAreBreaches() throws Exception {
    RocksChainStore served = chain("served", 1);
    TestNode server = serving(served);
    NodeKey me = TestNode.key(6);
    try (RawPeer raw = helloed(server.network.listenPort(), me, server.id())) {
      raw.send(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.GET_BLOCKS, ZksCodec.encode(new ZksMessage.GetBlocks(1, 1, 1)));
      assertThat(raw.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
    }
    try (RawPeer raw = helloed(server.network.listenPort(), me, server.id())) {
      MessageFrames.Message status = raw.readUntil(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.STATUS);
      raw.send(status.id(), status.data()); // same chain
      raw.send(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.GET_BLOCKS,
          ZksCodec.encode(new ZksMessage.GetBlocks(1, 1, ZksCodec.MAX_BLOCKS_PER_REQUEST + 1)));
      assertThat(raw.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
    }
  }

  @Test
  void aPeerQueueingTooManyRequestsIsABreach() throws Exception {
    RocksChainStore served = chain("served", 1);
    // a serving executor that never runs anything: requests stay outstanding
    List<Runnable> parked = new CopyOnWriteArrayList<>();
    ZksProtocol zks = new ZksProtocol(dev.raftseq.p2p.NodeId.of(SEQUENCER),
        served, parked::add, CommittedTxSource.NONE, ZksLimits.DEFAULT);
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    open.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    dev.raftseq.p2p.P2pNetwork net = new dev.raftseq.p2p.P2pNetwork(vertx, TestNode.config(List.of()), SEQUENCER, List.of(zks));
    int port = net.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    NodeKey me = TestNode.key(7);
    try (RawPeer raw = helloed(port, me, dev.raftseq.p2p.NodeId.of(SEQUENCER))) {
      MessageFrames.Message status = raw.readUntil(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.STATUS);
      raw.send(status.id(), status.data());
      for (int i = 0; i <= ZksProtocol.MAX_SERVING_PER_PEER; i++) {
        raw.send(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.GET_BLOCKS, ZksCodec.encode(new ZksMessage.GetBlocks(i, 1, 1)));
      }
      assertThat(raw.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
    }
    assertThat(parked).hasSize(ZksProtocol.MAX_SERVING_PER_PEER);
    net.stop().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aPeerThatRequestsButNeverReadsIsDropped() throws Exception {
    RocksChainStore served = keep(ChainFixture.genesisStore(dir.resolve("served")));
    ChainFixture.extend(served, SEQUENCER, 100, 8);
    P2pConfig small = TestNode.config(List.of()).withLimits(1 << 20, 1 << 20);
    TestNode server = keep(new TestNode(SEQUENCER, served, small, CommittedTxSource.NONE,
        new ZksLimits(512 << 10, 512 << 10, Duration.ofSeconds(10))));
    List<DisconnectReason> gone = new CopyOnWriteArrayList<>();
    server.zks.setListener(new SyncListener() {
      @Override
      public void onPeerGone(Peer peer, DisconnectReason reason) {
        gone.add(reason);
      }
    });
    server.start();
    NodeKey me = TestNode.key(8);
    try (RawPeer raw = RawPeer.handshakeWithSmallReceiveBuffer(server.network.listenPort(), me, server.id())) {
      raw.sendHello(me, List.of(ZksCodec.CAPABILITY));
      raw.readUntil(MessageFrames.HELLO);
      MessageFrames.Message status = raw.readUntil(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.STATUS);
      raw.send(status.id(), status.data());
      // ask for the whole chain (hundreds of KiB) again and again and never read: once the socket
      // buffers and the node's write queue (2 x 1 MiB) are full, the node drops us
      // at most 4 requests outstanding, paced by what the node has served (not by the clock, so a
      // slow machine cannot turn this into the 16-outstanding-requests breach)
      boolean dropped = false;
      long servedBefore = server.servedRequests();
      for (int i = 0; i < 1_500 && !dropped; i++) {
        try {
          raw.send(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.GET_BLOCKS, ZksCodec.encode(new ZksMessage.GetBlocks(i, 1, 100)));
        } catch (java.io.IOException e) {
          dropped = true;
        }
        long sent = i + 1;
        assertThat(await(30_000, () -> server.network.peers().isEmpty()
            || server.servedRequests() - servedBefore >= sent - 4)).as("request %d served or peer dropped", i).isTrue();
        dropped = dropped || server.network.peers().isEmpty();
      }
      assertThat(dropped).isTrue();
    }
    assertThat(await(5_000, () -> server.network.peers().isEmpty())).isTrue();
    // dropped for not reading (closed without a Disconnect it could not read anyway)
    assertThat(gone).containsExactly(DisconnectReason.TCP_ERROR);
  }

  @Test
  void servedBlocksAreTheStoredEncoding() {
    RocksChainStore served = chain("served", 3);
    for (long n = 0; n <= 3; n++) {
      assertThat(served.encodedBlockByNumber(n).orElseThrow())
          .isEqualTo(BlockCodec.encodeBlock(served.blockByNumber(n).orElseThrow()));
    }
    assertThat(served.encodedBlockByNumber(4)).isEmpty();
  }
}
