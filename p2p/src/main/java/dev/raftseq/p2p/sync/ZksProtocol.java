package dev.raftseq.p2p.sync;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.p2p.Capability;
import dev.raftseq.p2p.DisconnectReason;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.Peer;
import dev.raftseq.p2p.SubProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code zks/1} capability: Status exchange, serving blocks by number range from the local
 * chain, pushing new heads, and the client side of requests (futures) for a downloader. Serving
 * reads the database on {@code serving}, never on the event loop.
 */
public final class ZksProtocol implements SubProtocol {
  private static final Logger LOG = LoggerFactory.getLogger(ZksProtocol.class);

  /** Requests one peer may have waiting to be served; more is a breach (a downloader keeps a few). */
  public static final int MAX_SERVING_PER_PEER = 16;

  private final NodeId self;
  private final ChainReader chain;
  private final Executor serving;
  private final CommittedTxSource committed;
  private final ZksLimits limits;
  private final String logPrefix;
  private final Map<NodeId, PeerState> peers = new ConcurrentHashMap<>();
  private final AtomicLong nextRequestId = new AtomicLong(1);
  private volatile SyncListener listener = SyncListener.NONE;
  private volatile Hash genesisHash;

  private static final class PeerState {
    final Peer peer;
    volatile boolean ready;
    volatile long headNumber = -1;
    volatile Hash headHash = Hash.ZERO;
    /** The head our Status told it. */
    volatile long statusHead = -1;
    final Map<Long, Pending> requests = new ConcurrentHashMap<>();
    /** Its requests we are still serving: bounded, so one peer cannot queue unbounded work. */
    final java.util.concurrent.atomic.AtomicInteger serving = new java.util.concurrent.atomic.AtomicInteger();

    PeerState(Peer peer) {
      this.peer = peer;
    }

    synchronized void head(long number, Hash hash) {
      if (number > headNumber) {
        headNumber = number;
        headHash = hash;
      }
    }
  }

  /** An outstanding request: what it asked, and the future its answer completes. */
  private record Pending(int responseCode, long count, CompletableFuture<ZksMessage> answer) {}

  public ZksProtocol(NodeId self, ChainReader chain, Executor serving, CommittedTxSource committed, ZksLimits limits) {
    this.self = self;
    this.chain = chain;
    this.serving = serving;
    this.committed = committed;
    this.limits = limits;
    this.logPrefix = "[" + self.shortId() + "] ";
  }

  /** Set before the network starts. */
  public void setListener(SyncListener listener) {
    this.listener = listener;
  }

  @Override
  public Capability capability() {
    return ZksCodec.CAPABILITY;
  }

  // ------------------------------------------------------------------ events

  @Override
  public void onConnected(Peer peer) {
    PeerState s = new PeerState(peer);
    peers.put(peer.id(), s);
    Block head = chain.head();
    s.statusHead = head.number();
    send(peer, new ZksMessage.Status(ZksCodec.VERSION, chain.chainId(), genesisHash(), head.number(), head.hash()));
  }

  @Override
  public void onDisconnected(Peer peer, DisconnectReason reason) {
    PeerState s = peers.get(peer.id());
    if (s == null || s.peer != peer) {
      return;
    }
    peers.remove(peer.id());
    s.requests.values().forEach(p -> p.answer().completeExceptionally(new PeerGoneException(peer, reason)));
    if (s.ready) {
      listener.onPeerGone(peer, reason);
    }
  }

  @Override
  public void onMessage(Peer peer, int code, byte[] data) {
    PeerState s = peers.get(peer.id());
    if (s == null || s.peer != peer) {
      return;
    }
    ZksMessage m;
    try {
      m = ZksCodec.decode(code, data);
    } catch (DecodeException e) {
      peer.disconnect(DisconnectReason.BREACH_OF_PROTOCOL, "bad zks message " + code + ": " + e.getMessage());
      return;
    }
    if (!s.ready) {
      if (!(m instanceof ZksMessage.Status status)) {
        peer.disconnect(DisconnectReason.BREACH_OF_PROTOCOL, "zks message " + code + " before Status");
        return;
      }
      onStatus(s, status);
      return;
    }
    if (m instanceof ZksMessage.Status) {
      peer.disconnect(DisconnectReason.BREACH_OF_PROTOCOL, "second Status");
    } else if (m instanceof ZksMessage.GetBlocks g) {
      serve(s, () -> serveBlocks(peer, g));
    } else if (m instanceof ZksMessage.GetUnincludedTxs g) {
      serve(s, () -> serveUnincluded(peer, g));
    } else if (m instanceof ZksMessage.Blocks b) {
      answer(s, b.requestId(), ZksCodec.BLOCKS, b.blocks().size(), b);
    } else if (m instanceof ZksMessage.UnincludedTxs u) {
      answer(s, u.requestId(), ZksCodec.UNINCLUDED_TXS, 0, u);
    } else if (m instanceof ZksMessage.NewBlock n) {
      onNewBlock(s, n.block());
    } else if (m instanceof ZksMessage.NewHead n) {
      s.head(n.number(), n.hash());
      listener.onNewHead(peer, n.number(), n.hash());
    }
  }

  private void onStatus(PeerState s, ZksMessage.Status status) {
    Peer peer = s.peer;
    if (status.chainId() != chain.chainId() || !status.genesisHash().equals(genesisHash())) {
      LOG.warn("{}{} is on chain {} genesis {}, we are on {} genesis {}", logPrefix, peer, status.chainId(),
          status.genesisHash(), chain.chainId(), genesisHash());
      peer.disconnect(DisconnectReason.USELESS_PEER, "another chain");
      return;
    }
    s.head(status.headNumber(), status.headHash());
    s.ready = true;
    // blocks applied between our Status and its were announced to ready peers only: tell it the
    // head now, or a replica could wait for the next block (forever on a quiet chain)
    Block head = chain.head();
    if (head.number() > s.statusHead && head.number() > status.headNumber()) {
      send(peer, new ZksMessage.NewHead(head.number(), head.hash()));
    }
    listener.onPeerReady(peer, status.headNumber(), status.headHash());
  }

  private void onNewBlock(PeerState s, byte[] block) {
    Header header;
    Hash hash;
    try {
      RlpReader body = RlpReader.of(block).readList("block");
      int start = body.position();
      body.skip();
      byte[] headerRlp = java.util.Arrays.copyOfRange(block, start, body.position());
      header = BlockCodec.decodeHeader(headerRlp);
      hash = Keccak.hash(headerRlp);
    } catch (DecodeException e) {
      s.peer.disconnect(DisconnectReason.BREACH_OF_PROTOCOL, "NewBlock header does not decode: " + e.getMessage());
      return;
    }
    s.head(header.number(), hash);
    listener.onNewBlock(s.peer, header.number(), hash, block);
  }

  private void answer(PeerState s, long requestId, int code, long items, ZksMessage m) {
    Pending p = s.requests.remove(requestId);
    if (p == null) {
      LOG.debug("{}{} answered request {} we no longer wait for", logPrefix, s.peer, requestId);
      return;
    }
    if (p.responseCode() != code || items > p.count()) {
      s.peer.disconnect(DisconnectReason.BREACH_OF_PROTOCOL, "answer to request " + requestId + " does not match it");
      p.answer().completeExceptionally(new PeerGoneException(s.peer, DisconnectReason.BREACH_OF_PROTOCOL));
      return;
    }
    p.answer().complete(m);
  }

  // ------------------------------------------------------------------ serving

  private void serve(PeerState s, Runnable task) {
    if (s.serving.incrementAndGet() > MAX_SERVING_PER_PEER) {
      s.serving.decrementAndGet();
      s.peer.disconnect(DisconnectReason.BREACH_OF_PROTOCOL, "more than " + MAX_SERVING_PER_PEER + " requests outstanding");
      return;
    }
    try {
      serving.execute(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("{}serving {} failed", logPrefix, s.peer, e);
        } finally {
          s.serving.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException e) {
      s.serving.decrementAndGet();
      LOG.debug("{}not serving {}: shutting down", logPrefix, s.peer);
    }
  }

  private void serveBlocks(Peer peer, ZksMessage.GetBlocks g) {
    List<byte[]> out = new ArrayList<>();
    long bytes = 0;
    for (long n = g.first(); n < g.first() + g.count() && n >= 0; n++) {
      Optional<byte[]> b = chain.encodedBlockByNumber(n);
      if (b.isEmpty()) {
        break;
      }
      if (!out.isEmpty() && bytes + b.get().length > limits.maxResponseBytes()) {
        break;
      }
      out.add(b.get());
      bytes += b.get().length;
    }
    send(peer, new ZksMessage.Blocks(g.requestId(), out));
  }

  private void serveUnincluded(Peer peer, ZksMessage.GetUnincludedTxs g) {
    UnincludedSnapshot snap = committed.committedNotIncluded((int) g.maxCount(), limits.maxUnincludedBytes());
    if (snap == null) {
      Block head = chain.head();
      snap = new UnincludedSnapshot(head.number(), head.hash(), List.of());
    }
    send(peer, new ZksMessage.UnincludedTxs(g.requestId(), snap.headNumber(), snap.headHash(), snap.txs(),
        snap.complete(), snap.position()));
  }

  // ------------------------------------------------------------------ client side

  /**
   * Asks a peer for blocks {@code first .. first + count - 1}; the answer holds their encodings,
   * possibly fewer (see {@link ZksMessage.Blocks}). Fails with {@link PeerGoneException} or a
   * timeout.
   */
  public CompletableFuture<List<byte[]>> getBlocks(Peer peer, long first, int count) {
    if (count < 1 || count > ZksCodec.MAX_BLOCKS_PER_REQUEST) {
      throw new IllegalArgumentException("count " + count);
    }
    return request(peer, ZksCodec.BLOCKS, count, id -> new ZksMessage.GetBlocks(id, first, count))
        .thenApply(m -> ((ZksMessage.Blocks) m).blocks());
  }

  /** Asks a peer for its committed transactions not yet in a block. */
  public CompletableFuture<UnincludedSnapshot> getUnincludedTxs(Peer peer, int maxCount) {
    return request(peer, ZksCodec.UNINCLUDED_TXS, maxCount, id -> new ZksMessage.GetUnincludedTxs(id, maxCount))
        .thenApply(m -> {
          ZksMessage.UnincludedTxs u = (ZksMessage.UnincludedTxs) m;
          return new UnincludedSnapshot(u.headNumber(), u.headHash(), u.txs(), u.complete(), u.position());
        });
  }

  private CompletableFuture<ZksMessage> request(Peer peer, int responseCode, long count,
      java.util.function.LongFunction<ZksMessage> message) {
    PeerState s = peers.get(peer.id());
    if (s == null || s.peer != peer || !peer.isOpen()) {
      return CompletableFuture.failedFuture(new PeerGoneException(peer, DisconnectReason.REQUESTED));
    }
    long id = nextRequestId.getAndIncrement();
    CompletableFuture<ZksMessage> answer = new CompletableFuture<>();
    s.requests.put(id, new Pending(responseCode, count, answer));
    answer.orTimeout(limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((m, e) -> s.requests.remove(id));
    send(peer, message.apply(id));
    return answer;
  }

  /**
   * Tells peers about a block this node just applied: the block itself to peers whose head is its
   * parent (they apply it without a round trip), its number and hash to peers further behind.
   */
  public void announce(Block block, byte[] encoded) {
    for (PeerState s : peers.values()) {
      if (!s.ready || s.headNumber >= block.number()) {
        continue;
      }
      if (s.headNumber == block.number() - 1) {
        send(s.peer, new ZksMessage.NewBlock(encoded));
      } else {
        send(s.peer, new ZksMessage.NewHead(block.number(), block.hash()));
      }
    }
  }

  public void announce(Block block) {
    announce(block, BlockCodec.encodeBlock(block));
  }

  /** Peers that completed Status, with the newest head each told us. */
  public List<PeerHead> peerHeads() {
    List<PeerHead> out = new ArrayList<>();
    for (PeerState s : peers.values()) {
      if (s.ready && s.peer.isOpen()) {
        out.add(new PeerHead(s.peer, s.headNumber, s.headHash));
      }
    }
    return out;
  }

  private void send(Peer peer, ZksMessage m) {
    peer.send(m.code(), ZksCodec.encode(m));
  }

  private Hash genesisHash() {
    Hash g = genesisHash;
    if (g == null) {
      Header genesis = chain.headerByNumber(0).orElseThrow(() -> new IllegalStateException("no genesis block"));
      g = BlockCodec.hash(genesis);
      genesisHash = g;
    }
    return g;
  }

  NodeId self() {
    return self;
  }
}
