package dev.raftseq.p2p;

import static dev.raftseq.p2p.testing.TestNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.p2p.rlpx.HandshakeException;
import dev.raftseq.p2p.sync.CommittedTxSource;
import dev.raftseq.p2p.sync.ZksCodec;
import dev.raftseq.p2p.testing.ChainFixture;
import dev.raftseq.p2p.testing.RawPeer;
import dev.raftseq.p2p.testing.TestNode;
import dev.raftseq.p2p.wire.Hello;
import dev.raftseq.p2p.wire.MessageFrames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sockets on loopback: handshake, identity, admission, limits and timeouts. */
class P2pNetworkTest {
  @TempDir Path dir;
  private RocksChainStore chain;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void chain() {
    chain = ChainFixture.genesisStore(dir.resolve("chain"));
  }

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    chain.close();
  }

  private TestNode node(int seed, P2pConfig config) {
    TestNode n = new TestNode(TestNode.key(seed), chain, config, CommittedTxSource.NONE);
    open.add(n);
    return n.start();
  }

  private static List<NodeId> peerIds(TestNode n) {
    return n.network.peers().stream().map(PeerInfo::id).toList();
  }

  @Test
  void dialledPeersProveTheirIdsBothWays() {
    TestNode b = node(2, TestNode.config(List.of()));
    TestNode a = node(1, TestNode.config(List.of(b.enode())));

    assertThat(await(10_000, () -> peerIds(a).contains(b.id()) && peerIds(b).contains(a.id()))).isTrue();
    assertThat(await(5_000, () -> a.zks.peerHeads().size() == 1 && b.zks.peerHeads().size() == 1)).isTrue();
    PeerInfo seenByB = b.network.peers().get(0);
    assertThat(seenByB.inbound()).isTrue();
    assertThat(seenByB.clientId()).isEqualTo("raftseq/0.1");
  }

  @Test
  void bootListSkipsOwnIdAndDropsAnAddressThatProvesAnotherId() throws Exception {
    TestNode b = node(2, TestNode.config(List.of()));
    TestNode c = node(3, TestNode.config(List.of()));
    NodeKey aKey = TestNode.key(1);
    // as the seed's example: this node's own id in the list, and two ids at one address
    List<Enode> boot = List.of(
        new Enode(NodeId.of(aKey), "127.0.0.1", b.network.listenPort()),
        new Enode(c.id(), "127.0.0.1", b.network.listenPort()),
        b.enode());
    TestNode a = node(1, TestNode.config(boot));

    assertThat(await(10_000, () -> peerIds(a).contains(b.id()))).isTrue();
    // several redials of the wrong entry have failed by now (backoff 50..400 ms)
    Thread.sleep(1_500);
    assertThat(peerIds(a)).containsExactly(b.id());
    assertThat(peerIds(b)).containsExactly(a.id());
    assertThat(peerIds(c)).isEmpty();
  }

  @Test
  void aPeerClaimingAKeyItCannotProveFailsTheHandshake() throws Exception {
    TestNode b = node(2, TestNode.config(List.of()).withTimeouts(Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofSeconds(3)));
    NodeKey victim = TestNode.key(7);
    NodeKey rogue = TestNode.key(8);
    NodeKey liar = new NodeKey(rogue.privateKey(), victim.publicKey(), victim.address());

    assertThatThrownBy(() -> RawPeer.handshake(b.network.listenPort(), liar, b.id(), 1 << 20))
        .isInstanceOf(HandshakeException.class);
    assertThat(peerIds(b)).isEmpty();

    // even ignoring the ack, it cannot produce a frame b accepts
    try (RawPeer raw = RawPeer.open(b.network.listenPort())) {
      raw.sendRaw(new dev.raftseq.p2p.rlpx.Handshake.Initiator(liar, b.id(), new Random(1)).authPacket());
      byte[] junkFrame = new byte[64];
      new Random(2).nextBytes(junkFrame);
      raw.sendRaw(junkFrame);
      assertThat(raw.closedByRemote()).isTrue();
    }
    assertThat(peerIds(b)).isEmpty();
  }

  @Test
  void helloWithAnotherNodeIdThanTheHandshakeIsRefused() throws Exception {
    TestNode b = node(2, TestNode.config(List.of()));
    NodeKey me = TestNode.key(9);
    try (RawPeer raw = RawPeer.handshake(b.network.listenPort(), me, b.id(), 1 << 20)) {
      raw.sendHello(TestNode.key(10), List.of(ZksCodec.CAPABILITY));
      raw.readUntil(MessageFrames.HELLO);
      assertThat(raw.awaitDisconnect()).isEqualTo(DisconnectReason.UNEXPECTED_IDENTITY);
    }
    assertThat(peerIds(b)).isEmpty();
  }

  @Test
  void aSilentConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
    TestNode b = node(2, TestNode.config(List.of()).withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(3)));
    try (RawPeer raw = RawPeer.open(b.network.listenPort())) {
      raw.setTimeoutMillis(5_000);
      long t0 = System.nanoTime();
      assertThat(raw.closedByRemote()).isTrue();
      assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(400);
    }
  }

  @Test
  void aPeerThatStopsAnsweringPingsIsDropped() throws Exception {
    TestNode b = node(2, TestNode.config(List.of()).withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMillis(700)));
    NodeKey me = TestNode.key(11);
    try (RawPeer raw = RawPeer.handshake(b.network.listenPort(), me, b.id(), 1 << 20)) {
      raw.sendHello(me, List.of(ZksCodec.CAPABILITY));
      raw.readUntil(MessageFrames.HELLO);
      assertThat(await(5_000, () -> peerIds(b).contains(NodeId.of(me)))).isTrue();
      // reads (and never answers) b's pings until b gives up
      assertThat(raw.awaitDisconnect()).isEqualTo(DisconnectReason.PING_TIMEOUT);
    }
    assertThat(await(5_000, () -> peerIds(b).isEmpty())).isTrue();
  }

  @Test
  void pingsKeepAnAnsweringPeerConnected() throws Exception {
    TestNode b = node(2, TestNode.config(List.of()).withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(400)));
    TestNode a = node(1, TestNode.config(List.of(b.enode())).withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(400)));
    assertThat(await(10_000, () -> peerIds(a).contains(b.id()))).isTrue();
    Thread.sleep(1_500); // several idle timeouts: only Ping/Pong flows
    assertThat(peerIds(a)).containsExactly(b.id());
    assertThat(peerIds(b)).containsExactly(a.id());
  }

  @Test
  void peersBeyondTheCapAreTurnedAway() throws Exception {
    TestNode b = node(2, TestNode.config(List.of()).withMaxPeers(1));
    NodeKey first = TestNode.key(12);
    NodeKey second = TestNode.key(13);
    try (RawPeer p1 = RawPeer.handshake(b.network.listenPort(), first, b.id(), 1 << 20);
        RawPeer p2 = RawPeer.handshake(b.network.listenPort(), second, b.id(), 1 << 20)) {
      p1.sendHello(first, List.of(ZksCodec.CAPABILITY));
      p1.readUntil(MessageFrames.HELLO);
      assertThat(await(5_000, () -> peerIds(b).contains(NodeId.of(first)))).isTrue();
      p2.sendHello(second, List.of(ZksCodec.CAPABILITY));
      p2.readUntil(MessageFrames.HELLO);
      assertThat(p2.awaitDisconnect()).isEqualTo(DisconnectReason.TOO_MANY_PEERS);
      assertThat(peerIds(b)).containsExactly(NodeId.of(first));
    }
  }

  @Test
  void aPeerWithoutOurCapabilityIsUseless() throws Exception {
    TestNode b = node(2, TestNode.config(List.of()));
    NodeKey me = TestNode.key(14);
    try (RawPeer raw = RawPeer.handshake(b.network.listenPort(), me, b.id(), 1 << 20)) {
      raw.sendHello(me, List.of(new Capability("eth", 68, 17)));
      raw.readUntil(MessageFrames.HELLO);
      assertThat(raw.awaitDisconnect()).isEqualTo(DisconnectReason.USELESS_PEER);
    }
  }

  @Test
  void aMessageDecompressingPastTheLimitIsABreach() throws Exception {
    TestNode b = node(2, TestNode.config(List.of()).withLimits(1 << 20, 64 << 10));
    NodeKey me = TestNode.key(15);
    try (RawPeer raw = RawPeer.handshake(b.network.listenPort(), me, b.id(), 1 << 20)) {
      raw.sendHello(me, List.of(ZksCodec.CAPABILITY));
      raw.readUntil(MessageFrames.HELLO);
      byte[] zeros = new byte[100 << 10]; // compresses to a few KiB, decompresses past 64 KiB
      raw.send(MessageFrames.BASE_PROTOCOL_IDS + ZksCodec.STATUS, zeros);
      assertThat(raw.awaitDisconnect()).isEqualTo(DisconnectReason.BREACH_OF_PROTOCOL);
    }
    assertThat(await(5_000, () -> peerIds(b).isEmpty())).isTrue();
  }

  @Test
  void aFrameOverTheLimitClosesTheConnectionBeforeItsBodyIsRead() throws Exception {
    TestNode b = node(2, TestNode.config(List.of()).withLimits(16 << 10, 64 << 10));
    NodeKey me = TestNode.key(16);
    try (RawPeer raw = RawPeer.handshake(b.network.listenPort(), me, b.id(), 1 << 20)) {
      raw.sendHello(me, List.of(ZksCodec.CAPABILITY));
      raw.readUntil(MessageFrames.HELLO);
      byte[] big = new byte[20 << 10];
      new Random(3).nextBytes(big);
      // the header announces 20 KiB: the node refuses on the size before reading the body
      raw.sendFrame(MessageFrames.encode(MessageFrames.BASE_PROTOCOL_IDS, big, false));
      assertThat(raw.closedByRemote()).isTrue();
    }
    assertThat(await(5_000, () -> peerIds(b).isEmpty())).isTrue();
  }

  @Test
  void aLostBootNodeIsRedialledWhenItComesBack() throws Exception {
    TestNode b1 = new TestNode(TestNode.key(2), chain, TestNode.config(List.of()), CommittedTxSource.NONE).start();
    int port = b1.network.listenPort();
    Enode bEnode = b1.enode();
    TestNode a = node(1, TestNode.config(List.of(bEnode)));
    assertThat(await(10_000, () -> peerIds(a).contains(bEnode.id()))).isTrue();
    b1.close();
    assertThat(await(10_000, () -> peerIds(a).isEmpty())).isTrue();

    P2pConfig samePort = P2pConfig.defaults("127.0.0.1", port, List.of());
    node(2, samePort);
    assertThat(await(10_000, () -> peerIds(a).contains(bEnode.id()))).isTrue();
  }
}
