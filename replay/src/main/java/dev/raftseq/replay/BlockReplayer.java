package dev.raftseq.replay;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.exec.BlockImporter;
import dev.raftseq.chain.exec.InvalidBlockException;
import dev.raftseq.chain.state.StateRootCalculator;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.p2p.DisconnectReason;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.Peer;
import dev.raftseq.p2p.sync.PeerHead;
import dev.raftseq.p2p.sync.SyncListener;
import dev.raftseq.p2p.sync.ZksProtocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads canonized blocks from peers, verifies and applies them: syncs from head + 1 to the
 * best peer head with pipelined range requests, then follows pushed blocks and heads.
 *
 * <p>A block is applied only if it is sealed by an allowed sequencer key, its parent is the
 * current head and re-execution reproduces its state root, receipts root and gas used
 * ({@link BlockImporter#verify}). A peer that sends a block that does not decode or verify is
 * disconnected and logged; nothing of it is applied, and the range is fetched again elsewhere.
 *
 * <p>Threads: p2p callbacks only post to one sync thread, which owns all state, verifies and
 * applies in order; blocks are decoded (senders recovered) ahead of it on a small pool.
 */
public final class BlockReplayer implements SyncListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockReplayer.class);

  private static final int APPLY_BURST = 8;

  private final ChainReader chain;
  private final BlockImporter importer;
  private final VerifiedBlockSink sink;
  private final ZksProtocol zks;
  private final ReplayConfig config;
  private final String logPrefix;
  private final ScheduledExecutorService syncThread;
  private final ExecutorService decoders;

  /** A block received and being decoded, and who sent it. */
  private record Fetched(Peer peer, byte[] encoded, CompletableFuture<Block> block) {}

  /** An outstanding range request. */
  private record Request(Peer peer, long first, int count) {}

  // owned by the sync thread
  private final TreeMap<Long, Fetched> ready = new TreeMap<>();
  private final TreeMap<Long, Request> inflight = new TreeMap<>();
  private final Map<NodeId, Long> quietUntilNanos = new HashMap<>();
  /** Peers that sent an invalid block: never asked again, and their pushes are ignored. */
  private final java.util.Set<NodeId> banned = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private boolean pumpScheduled;

  private final AtomicLong highestSeen = new AtomicLong(-1);
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean closed;
  /** Highest block to fetch: unbounded when following (external nodes), else set by {@link #catchUpTo}. */
  private volatile long target;
  /** Callers of {@link #catchUpTo}, by the number they wait for (sync thread). */
  private final TreeMap<Long, List<CompletableFuture<Block>>> waiting = new TreeMap<>();
  private final java.util.Deque<String> rejections = new java.util.ArrayDeque<>();

  /**
   * @param roots the store's state-root calculator (verified state is prepared against it)
   * @param allowedSigners sequencer keys whose seals are accepted
   */
  public BlockReplayer(NodeId self, ChainReader chain, StateRootCalculator roots, Predicate<Address> allowedSigners,
      VerifiedBlockSink sink, ZksProtocol zks, ReplayConfig config) {
    this.chain = chain;
    this.importer = new BlockImporter(roots, chain.chainId(), allowedSigners);
    this.sink = sink;
    this.zks = zks;
    this.config = config;
    this.logPrefix = "[" + self.shortId() + "] ";
    this.syncThread = Executors.newSingleThreadScheduledExecutor(daemon("replay-" + self.shortId()));
    this.decoders = Executors.newFixedThreadPool(config.decodeThreads(), daemon("replay-decode-" + self.shortId()));
  }

  /**
   * Registers with the protocol and starts the periodic retry; call before the network starts.
   *
   * @param follow true on external nodes: fetch up to the best peer head and apply every pushed
   *     block; false on consensus nodes, where Raft applies blocks and replay fetches only what
   *     {@link #catchUpTo} asks for
   */
  public void start(boolean follow) {
    target = follow ? Long.MAX_VALUE : -1;
    zks.setListener(this);
    syncThread.scheduleWithFixedDelay(this::pump, 200, 200, TimeUnit.MILLISECONDS);
  }

  /** Own head, and the best head among peers not banned (a rogue's claims do not count). */
  public SyncProgress progress() {
    long own = chain.head().number();
    long best = own;
    int peers = 0;
    for (PeerHead p : zks.peerHeads()) {
      if (!banned.contains(p.peer().id())) {
        peers++;
        best = Math.max(best, p.number());
      }
    }
    return new SyncProgress(own, best, peers, applied.get(), rejected.get());
  }

  /** The last (up to 16) rejected blocks: number, hash, sending peer and reason. */
  public List<String> recentRejections() {
    synchronized (rejections) {
      return List.copyOf(rejections);
    }
  }

  // ------------------------------------------------------------------ events (any thread)

  @Override
  public void onPeerReady(Peer peer, long headNumber, Hash headHash) {
    if (banned.contains(peer.id())) {
      LOG.info("{}{} reconnected; it sent an invalid block before, so nothing is fetched from it", logPrefix, peer);
      return;
    }
    seen(headNumber);
    schedulePump();
  }

  @Override
  public void onNewHead(Peer peer, long number, Hash hash) {
    if (banned.contains(peer.id())) {
      return;
    }
    seen(number);
    schedulePump();
  }

  @Override
  public void onNewBlock(Peer peer, long number, Hash hash, byte[] block) {
    if (banned.contains(peer.id()) || number > target) {
      return;
    }
    seen(number);
    Fetched decoding = fetched(peer, block);
    post(() -> {
      long head = chain.head().number();
      if (number > head && number <= Math.min(head + config.window(), target) && !ready.containsKey(number)) {
        ready.put(number, decoding);
      }
      pump();
    });
  }

  @Override
  public void onPeerGone(Peer peer, DisconnectReason reason) {
    post(() -> {
      quietUntilNanos.remove(peer.id());
      pump();
    });
  }

  private void seen(long number) {
    highestSeen.accumulateAndGet(number, Math::max);
  }

  private void schedulePump() {
    post(this::pump);
  }

  private void post(Runnable r) {
    if (closed) {
      return;
    }
    try {
      syncThread.execute(() -> {
        try {
          r.run();
        } catch (RuntimeException e) {
          LOG.error("{}replay step failed", logPrefix, e);
        }
      });
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  // ------------------------------------------------------------------ sync thread

  private void pump() {
    if (closed) {
      return;
    }
    applyReady();
    requestMore();
  }

  /**
   * Verifies and applies head + 1 while it is decoded, dropping what the head has passed. Applies
   * at most {@link #APPLY_BURST} blocks, then yields (re-posting the pump) so that answers queued
   * behind it are taken in and the request pipeline refilled while blocks wait.
   */
  private void applyReady() {
    int burst = 0;
    while (!closed) {
      if (burst++ == APPLY_BURST) {
        post(this::pump);
        return;
      }
      Block head = chain.head();
      completeWaiters(head);
      ready.headMap(head.number(), true).clear();
      Fetched next = ready.get(head.number() + 1);
      if (next == null) {
        return;
      }
      if (!next.block().isDone()) {
        if (!pumpScheduled) {
          pumpScheduled = true;
          next.block().whenComplete((b, e) -> post(() -> {
            pumpScheduled = false;
            pump();
          }));
        }
        return;
      }
      ready.remove(head.number() + 1);
      Block block;
      try {
        block = next.block().join();
      } catch (RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        reject(next.peer(), head.number() + 1, null, "does not decode: " + cause.getMessage());
        continue;
      }
      BlockCommit verified;
      try {
        StateView state = chain.headState();
        if (!state.root().equals(head.header().stateRoot())) {
          return; // the head moved under us (another apply path); next pump re-reads it
        }
        verified = importer.verify(block, head.header(), state, null);
      } catch (InvalidBlockException e) {
        reject(next.peer(), block.number(), block.hash(), e.getMessage());
        continue;
      }
      ApplyResult result = sink.apply(verified);
      if (result instanceof ApplyResult.Applied) {
        applied.incrementAndGet();
        zks.announce(block, next.encoded());
        if (block.number() % 1000 == 0 || block.number() >= highestSeen.get()) {
          // every 1000th while syncing, every one when following
          LOG.info("{}replayed block {} {} ({} txs) from {}", logPrefix, block.number(), block.hash(),
              block.transactions().size(), next.peer());
        }
      } else {
        LOG.info("{}block {} not applied: {}", logPrefix, block.number(), ((ApplyResult.Stale) result).why());
      }
    }
  }

  private void completeWaiters(Block head) {
    while (!waiting.isEmpty() && waiting.firstKey() <= head.number()) {
      waiting.pollFirstEntry().getValue().forEach(f -> f.complete(head));
    }
  }

  /**
   * Fetches, verifies and applies blocks up to {@code number} (a consensus node whose Raft log was
   * purged past its position: the SnapshotFetcher path), then stops fetching unless following.
   * Completes with the head once it reaches {@code number} (also if Raft got there first).
   */
  public CompletableFuture<Block> catchUpTo(long number) {
    CompletableFuture<Block> done = new CompletableFuture<>();
    post(() -> {
      if (target != Long.MAX_VALUE) {
        target = Math.max(target, number);
      }
      waiting.computeIfAbsent(number, n -> new ArrayList<>()).add(done);
      pump();
    });
    return done;
  }

  /**
   * Asks the best peer (the highest head, not banned) for the transactions committed through
   * consensus that no block includes yet; see {@link dev.raftseq.p2p.sync.CommittedTxSource}.
   */
  public CompletableFuture<dev.raftseq.p2p.sync.UnincludedSnapshot> fetchUnincluded(int maxCount) {
    PeerHead best = null;
    for (PeerHead p : zks.peerHeads()) {
      if (!banned.contains(p.peer().id()) && (best == null || p.number() > best.number())) {
        best = p;
      }
    }
    if (best == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("no peer to ask"));
    }
    return zks.getUnincludedTxs(best.peer(), maxCount);
  }

  /**
   * Asks every peer not banned for its committed transactions not yet included, with its consensus
   * log position; completes with the answers that came (failed or timed-out peers left out).
   */
  public CompletableFuture<List<dev.raftseq.p2p.sync.UnincludedSnapshot>> fetchUnincludedFromAll(int maxCount) {
    List<CompletableFuture<dev.raftseq.p2p.sync.UnincludedSnapshot>> asked = new ArrayList<>();
    for (PeerHead p : zks.peerHeads()) {
      if (!banned.contains(p.peer().id())) {
        asked.add(zks.getUnincludedTxs(p.peer(), maxCount).exceptionally(e -> null));
      }
    }
    return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new))
        .thenApply(v -> asked.stream().map(CompletableFuture::join).filter(java.util.Objects::nonNull).toList());
  }

  private void reject(Peer peer, long number, Hash hash, String why) {
    String what = "block " + number + (hash == null ? "" : " " + hash);
    LOG.warn("{}rejecting {} from {}: {}; disconnecting it, keeping our chain at {}", logPrefix, what, peer, why,
        chain.head().number());
    peer.disconnect(DisconnectReason.BREACH_OF_PROTOCOL, "sent invalid " + what + ": " + why);
    synchronized (rejections) {
      if (rejections.size() == 16) {
        rejections.removeFirst();
      }
      rejections.addLast(what + " from " + peer.id().toHex() + "@" + peer.remoteAddress() + ": " + why);
    }
    rejected.incrementAndGet();
    // nothing else it sent is trusted either
    ready.values().removeIf(f -> f.peer() == peer);
    inflight.values().removeIf(r -> r.peer() == peer);
    banned.add(peer.id());
  }

  /** Fills the pipeline: requests the lowest missing ranges from peers that have them. */
  private void requestMore() {
    long head = chain.head().number();
    long limit = Math.min(head + config.window(), target);
    List<PeerHead> peers = zks.peerHeads();
    long now = System.nanoTime();
    quietUntilNanos.values().removeIf(t -> t < now);
    while (inflight.size() < config.maxInFlight()) {
      long gap = firstGap(head);
      if (gap > limit) {
        return;
      }
      PeerHead best = null;
      int bestLoad = Integer.MAX_VALUE;
      for (PeerHead p : peers) {
        if (p.number() < gap || quietUntilNanos.containsKey(p.peer().id()) || banned.contains(p.peer().id())
            || !p.peer().isOpen()) {
          continue;
        }
        int load = load(p.peer());
        if (load < bestLoad) {
          best = p;
          bestLoad = load;
        }
      }
      if (best == null) {
        return;
      }
      long end = Math.min(Math.min(gap + config.batch() - 1, best.number()), limit);
      Map.Entry<Long, Fetched> nextReady = ready.ceilingEntry(gap);
      if (nextReady != null) {
        end = Math.min(end, nextReady.getKey() - 1);
      }
      Map.Entry<Long, Request> nextReq = inflight.ceilingEntry(gap);
      if (nextReq != null) {
        end = Math.min(end, nextReq.getKey() - 1);
      }
      int count = (int) (end - gap + 1);
      Request req = new Request(best.peer(), gap, count);
      inflight.put(gap, req);
      zks.getBlocks(best.peer(), gap, count).whenComplete((blocks, error) -> {
        // decoding starts now, on the pool, not when the sync thread gets to the answer
        List<Fetched> decoding = error != null || banned.contains(req.peer().id()) ? List.of()
            : blocks.stream().map(b -> fetched(req.peer(), b)).toList();
        post(() -> onAnswer(req, decoding, error));
      });
    }
  }

  /** The lowest number above the head neither buffered nor requested. */
  private long firstGap(long head) {
    long n = head + 1;
    while (true) {
      if (ready.containsKey(n)) {
        n++;
        continue;
      }
      Map.Entry<Long, Request> r = inflight.floorEntry(n);
      if (r != null && r.getKey() + r.getValue().count() > n) {
        n = r.getKey() + r.getValue().count();
        continue;
      }
      return n;
    }
  }

  private int load(Peer peer) {
    int n = 0;
    for (Request r : inflight.values()) {
      if (r.peer() == peer) {
        n++;
      }
    }
    return n;
  }

  private void onAnswer(Request req, List<Fetched> blocks, Throwable error) {
    if (inflight.get(req.first()) == req) {
      inflight.remove(req.first());
    }
    if (error != null) {
      LOG.debug("{}request {}+{} to {} failed: {}", logPrefix, req.first(), req.count(), req.peer(), error.toString());
      quietUntilNanos.putIfAbsent(req.peer().id(), System.nanoTime() + config.emptyAnswerBackoff().toNanos());
    } else if (blocks.isEmpty()) {
      quietUntilNanos.putIfAbsent(req.peer().id(), System.nanoTime() + config.emptyAnswerBackoff().toNanos());
    } else if (!banned.contains(req.peer().id())) {
      long head = chain.head().number();
      for (int i = 0; i < blocks.size(); i++) {
        long n = req.first() + i;
        if (n > head && !ready.containsKey(n)) {
          ready.put(n, blocks.get(i));
        }
      }
    }
    pump();
  }

  private Fetched fetched(Peer peer, byte[] encoded) {
    long chainId = chain.chainId();
    CompletableFuture<Block> f = new CompletableFuture<>();
    try {
      decoders.execute(() -> {
        try {
          f.complete(BlockCodec.decodeBlock(encoded, chainId));
        } catch (DecodeException | RuntimeException e) {
          f.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(e);
    }
    return new Fetched(peer, encoded, f);
  }

  @Override
  public void close() {
    closed = true;
    syncThread.shutdownNow();
    decoders.shutdownNow();
    try {
      syncThread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // the sync thread is gone: nobody else touches the waiters now
    waiting.values().forEach(l -> l.forEach(f -> f.completeExceptionally(new IllegalStateException("replay closed"))));
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
