package dev.raftseq.producer.sim;

import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.Durability;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.InMemoryChainStore;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.producer.BatchingLimits;
import dev.raftseq.producer.CoreMetrics;
import dev.raftseq.producer.ExecBlockBuilding;
import dev.raftseq.producer.ProducerConfig;
import dev.raftseq.producer.SequencerCore;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.mempool.MempoolConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * A seeded, single-threaded simulation of a consensus group running the real sequencer core: real
 * transactions, execution, state roots and apply path on in-memory chain stores, over a fake
 * replicated log whose timing and faults come from one {@link Random}. Raft itself is modelled by
 * its guarantees only (one leader per term, a leader produces only once it applied every earlier
 * entry, committed entries are applied in the same order everywhere), so what is tested is the
 * core's use of them. Faults: leader changes (also while a block is being sealed and proposed),
 * proposals that arrive after their term ended, entries appended twice (a client retry), replies
 * lost after the commit, nodes that crash, lose every unsynced write and replay the log,
 * snapshots that sync a node's database at random points, and membership changes: a configuration
 * entry that removes the leader (which goes on proposing until it steps down a little later, so its
 * late blocks land after its removal and must be rejected everywhere alike) and one that re-adds it.
 *
 * <p>{@link #step()} runs one event; {@link Invariants} are checked after every step.
 */
final class SimCluster {
  static final int SENDERS = 8;
  static final int NONCES = 24;
  static final long CHAIN_ID = 271;
  private static final long GENESIS_SECONDS = 1_700_000_000L;
  private static final long BLOCK_TIME = 100;

  /** Transactions signed once for every schedule: [sender][nonce] and a better-paying replacement. */
  private static final RecoveredTx[][] TXS = new RecoveredTx[SENDERS][NONCES];
  private static final RecoveredTx[][] BUMPED = new RecoveredTx[SENDERS][NONCES];

  static {
    for (int s = 0; s < SENDERS; s++) {
      for (int n = 0; n < NONCES; n++) {
        TXS[s][n] = dev.raftseq.chain.testing.TestTxs.builder(dev.raftseq.chain.types.TxType.EIP1559, CHAIN_ID)
            .nonce(n).sign(DevAccounts.privateKey(s));
        BUMPED[s][n] = dev.raftseq.chain.testing.TestTxs.builder(dev.raftseq.chain.types.TxType.EIP1559, CHAIN_ID)
            .nonce(n).maxFee(dev.raftseq.chain.types.Wei.of(4_000_000_000L))
            .maxPriorityFee(dev.raftseq.chain.types.Wei.of(2_000_000_000L)).sign(DevAccounts.privateKey(s));
      }
    }
  }

  /** A committed entry, and who owes the submitter its result. */
  static final class Entry {
    final long term;
    final byte[] bytes;
    final int replier;
    /** For a configuration entry: the members' node ids (and {@code bytes} is null). */
    final Set<String> members;
    CompletableFuture<EntryResult> reply;

    Entry(long term, byte[] bytes, int replier, CompletableFuture<EntryResult> reply) {
      this(term, bytes, replier, reply, null);
    }

    Entry(long term, byte[] bytes, int replier, CompletableFuture<EntryResult> reply, Set<String> members) {
      this.term = term;
      this.bytes = bytes;
      this.replier = replier;
      this.reply = reply;
      this.members = members;
    }
  }

  /** A node: its durable store survives crashes; the core and its log view do not. */
  final class Node {
    final int id;
    final NodeKey key;
    final InMemoryChainStore store;
    SimSequencing sequencing;
    SequencerCore core;
    boolean up;
    Throwable halted;
    /** Log entries applied, i.e. the index of the last one. */
    long applied;

    Node(int id) {
      this.id = id;
      this.key = DevAccounts.key(DevAccounts.COUNT - 1 - id);
      this.store = new InMemoryChainStore(CHAIN_ID, Durability.SYNC_ON_REQUEST);
      GenesisResult g = Genesis.build(genesis(), store);
      store.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
      store.syncWal();
    }

    void boot() {
      sequencing = new SimSequencing(SimCluster.this, id);
      core = new SequencerCore("n" + id, coreConfig(key), store, sequencing, new ExecBlockBuilding(new BlockBuilder(store), key),
          sealers, new CoreMetrics(new SimpleMeterRegistry()), Runnable::run);
      try {
        core.startWithoutProduction();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      applied = store.lastApplied().map(AppliedIndex::index).orElse(0L);
      up = true;
    }
  }

  private record Event(long at, long seq, Runnable action) {}

  final long seed;
  final Random rnd;
  final List<Node> nodes = new ArrayList<>();
  final List<Entry> log = new ArrayList<>();
  final Invariants invariants;
  private final Predicate<Address> sealers;
  private final PriorityQueue<Event> events =
      new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long seq;
  long now;
  long term;
  int leader = -1;
  /** The log length when the current leader was elected: it may produce once it applied that far. */
  private long readyAt;
  /** The members of the latest configuration entry (all nodes until one names others). */
  private final Set<Integer> members = new HashSet<>();
  /** The sealing keys in force from a log index on (the entry after a configuration entry). */
  private final java.util.TreeMap<Long, Set<Address>> sealersFrom = new java.util.TreeMap<>();
  private final int[] clientNonce = new int[SENDERS];
  private boolean faults = true;
  /** Counts, for the report. */
  final Map<String, Integer> counts = new HashMap<>();

  SimCluster(long seed, int size) {
    this.seed = seed;
    this.rnd = new Random(seed);
    Set<Address> keys = new HashSet<>();
    for (int i = 0; i < size; i++) {
      keys.add(DevAccounts.key(DevAccounts.COUNT - 1 - i).address());
    }
    this.sealers = keys::contains;
    sealersFrom.put(0L, Set.copyOf(keys));
    for (int i = 0; i < size; i++) {
      members.add(i);
      Node n = new Node(i);
      nodes.add(n);
      n.boot();
    }
    this.invariants = new Invariants(this);
    at(0, this::elect);
    for (Node n : nodes) {
      at(rnd.nextInt(5), () -> applyLoop(n));
      at(rnd.nextInt((int) BLOCK_TIME), () -> tickLoop(n));
    }
    at(1, this::submitLoop);
    at(200 + rnd.nextInt(400), this::faultLoop);
  }

  static GenesisSpec genesis() {
    Map<Address, GenesisSpec.Alloc> alloc = new java.util.LinkedHashMap<>();
    for (int i = 0; i < SENDERS; i++) {
      alloc.put(DevAccounts.address(i), new GenesisSpec.Alloc(dev.raftseq.chain.types.Wei.of(
          java.math.BigInteger.TEN.pow(21))));
    }
    return new GenesisSpec(CHAIN_ID, GENESIS_SECONDS, 30_000_000L, dev.raftseq.chain.types.Wei.of(1_000_000_000L),
        Address.ZERO, null, alloc, 0, null);
  }

  private static SequencerCore.Config coreConfig(NodeKey key) {
    // small blocks and batches, so a schedule spans many of both
    return new SequencerCore.Config(new ProducerConfig(Duration.ofMillis(BLOCK_TIME), 6, false, key.address(), CHAIN_ID),
        MempoolConfig.defaults(CHAIN_ID, 30_000_000L).withLimits(64, 16, 4), new BatchingLimits(2, 4, 1 << 20, 1_000),
        Duration.ofHours(1));
  }

  // ---- the engine ---------------------------------------------------------------------------------

  private void at(long delay, Runnable action) {
    events.add(new Event(now + delay, seq++, action));
  }

  /** Runs the next event and checks the invariants; false when nothing is left. */
  boolean step() {
    Event e = events.poll();
    if (e == null) {
      return false;
    }
    now = e.at;
    e.action.run();
    invariants.check();
    return true;
  }

  /** Runs until {@code millis} of simulated time passed. */
  void runFor(long millis) {
    long end = now + millis;
    while (!events.isEmpty() && events.peek().at <= end) {
      step();
    }
  }

  /** Stops injecting faults and lets everything settle: a leader, every node up and caught up. */
  void heal(long millis) {
    faults = false;
    for (Node n : nodes) {
      if (!n.up && n.halted == null) {
        restart(n);
      }
    }
    if (leader < 0 || !nodes.get(leader).up) {
      elect();
    }
    runFor(millis);
  }

  void count(String what) {
    counts.merge(what, 1, Integer::sum);
  }

  // ---- the log ------------------------------------------------------------------------------------

  /** An append from {@code node}: a proposal (this node must still lead when it arrives) or a replication. */
  CompletableFuture<EntryResult> append(int node, byte[] bytes, boolean proposal) {
    CompletableFuture<EntryResult> reply = new CompletableFuture<>();
    long proposedIn = term;
    if (proposal && producingTerm(node).isEmpty()) {
      reply.complete(new EntryResult.NotLeader("not the producing leader"));
      return reply;
    }
    at(1 + rnd.nextInt(8), () -> deliver(node, bytes, proposal, proposedIn, reply, 0));
    return reply;
  }

  private void deliver(int node, byte[] bytes, boolean proposal, long proposedIn, CompletableFuture<EntryResult> reply,
      int attempts) {
    if (!nodes.get(node).up) {
      reply.complete(new EntryResult.Failed("the submitting node crashed"));
      return;
    }
    if (proposal && (term != proposedIn || leader != node)) {
      count("late proposal refused");
      reply.complete(new EntryResult.NotLeader("term " + proposedIn + " ended"));
      return;
    }
    if (leader < 0) {
      if (attempts > 20) {
        reply.complete(new EntryResult.Failed("no leader"));
      } else {
        at(10, () -> deliver(node, bytes, proposal, proposedIn, reply, attempts + 1));
      }
      return;
    }
    boolean lostReply = faults && rnd.nextInt(100) < 3;
    log.add(new Entry(term, bytes, leader, lostReply ? null : reply));
    if (lostReply) {
      count("reply lost");
      reply.complete(new EntryResult.Failed("reply lost (the entry committed)"));
    }
    if (faults && rnd.nextInt(100) < 3) {
      count("entry appended twice");
      log.add(new Entry(term, bytes, leader, null));
    }
  }

  OptionalLong producingTerm(int node) {
    Node n = nodes.get(node);
    return leader == node && n.up && n.halted == null && n.applied >= readyAt ? OptionalLong.of(term)
        : OptionalLong.empty();
  }

  private void applyLoop(Node n) {
    if (n.up && n.halted == null && n.applied < log.size()) {
      applyNext(n);
    }
    at(1 + rnd.nextInt(faults ? 12 : 3), () -> applyLoop(n));
  }

  private void applyNext(Node n) {
    Entry e = log.get((int) n.applied);
    long index = n.applied + 1;
    EntryResult result;
    try {
      if (e.members != null) {
        n.sequencing.entries().membershipChanged(new AppliedIndex(e.term, index), e.members);
        result = null;
      } else {
        result = n.sequencing.entries().apply(new AppliedIndex(e.term, index), e.bytes);
      }
    } catch (RuntimeException ex) {
      n.halted = ex;
      n.up = false;
      n.sequencing.halt(ex);
      invariants.violation("node " + n.id + " halted at entry " + index + ": " + ex);
      return;
    }
    n.applied = index;
    invariants.applied(n, index);
    if (result instanceof EntryResult.BlockApplied applied) {
      Address signer = signer(n.store.blockByNumber(applied.number()).orElseThrow());
      if (!sealersFrom.floorEntry(index).getValue().contains(signer)) {
        invariants.violation("node " + n.id + " applied block " + applied.number() + " at entry " + index
            + " sealed by " + signer + ", not a member there");
      }
    } else if (result instanceof EntryResult.Rejected r && e.replier == n.id
        && r.reason().contains("not an allowed sequencer key")) {
      count("block of a removed member rejected");
    }
    if (e.replier == n.id && e.reply != null) {
      e.reply.complete(result);
      e.reply = null;
    }
  }

  private void tickLoop(Node n) {
    if (n.up && n.halted == null) {
      n.core.tick(GENESIS_SECONDS * 1000 + now);
    }
    at(1 + rnd.nextInt((int) BLOCK_TIME), () -> tickLoop(n));
  }

  // ---- leadership and faults ----------------------------------------------------------------------

  private void elect() {
    if (leader >= 0) {
      failReplies(leader, "leadership lost; the entry may still commit");
    }
    List<Node> candidates = nodes.stream().filter(n -> n.up && n.halted == null && members.contains(n.id)).toList();
    term++;
    if (candidates.isEmpty()) {
      leader = -1;
      return;
    }
    leader = candidates.get(rnd.nextInt(candidates.size())).id;
    readyAt = log.size();
    invariants.leaderOf(term, nodes.get(leader).key.address());
    count("election");
  }

  private void failReplies(int node, String why) {
    for (Entry e : log) {
      if (e.replier == node && e.reply != null && nodes.get(node).applied < log.indexOf(e) + 1) {
        e.reply.complete(new EntryResult.Failed(why));
        e.reply = null;
      }
    }
  }

  private void faultLoop() {
    if (!faults) {
      return;
    }
    int kind = rnd.nextInt(12);
    Node n = nodes.get(rnd.nextInt(nodes.size()));
    if (kind >= 10) {
      changeMembership();
      at(100 + rnd.nextInt(400), this::faultLoop);
      return;
    }
    if (kind < 3) {
      elect(); // the leader steps down, maybe in the middle of sealing
    } else if (kind < 5) {
      if (n.up && nodes.stream().filter(x -> x.up).count() > 1) {
        crash(n);
        at(50 + rnd.nextInt(300), () -> restart(n));
      }
    } else if (kind < 8) {
      if (n.up) {
        n.core.makeDurable();
        count("snapshot");
      }
    } else {
      replayStaleProposal();
    }
    at(100 + rnd.nextInt(400), this::faultLoop);
  }

  /**
   * Removes the leader from the configuration (it keeps proposing until it steps down shortly after,
   * as a Raft leader does once the change commits), or re-adds whoever is out.
   */
  private void changeMembership() {
    if (members.size() == nodes.size()) {
      if (leader < 0) {
        return;
      }
      members.remove(leader);
      count("leader removed from the members");
      at(10 + rnd.nextInt(60), this::elect);
    } else {
      for (Node x : nodes) {
        members.add(x.id);
      }
      count("member re-added");
    }
    Set<String> ids = new java.util.TreeSet<>();
    Set<Address> keys = new HashSet<>();
    for (int i : members) {
      ids.add(nodes.get(i).key.nodeIdHex());
      keys.add(nodes.get(i).key.address());
    }
    log.add(new Entry(term, null, -1, null, Set.copyOf(ids)));
    sealersFrom.put((long) log.size() + 1, Set.copyOf(keys));
  }

  private void crash(Node n) {
    count("crash");
    n.up = false;
    failReplies(n.id, "the leader crashed");
    if (leader == n.id) {
      leader = -1;
      at(20 + rnd.nextInt(80), this::elect);
    }
    n.core.close();
    n.store.powerCut();
    invariants.crashed(n);
  }

  private void restart(Node n) {
    if (n.up || n.halted != null) {
      return;
    }
    count("restart");
    n.boot();
  }

  /**
   * A block entry that committed already arrives again later: it must be stale everywhere. Half the
   * time it is the block whole (a full-block entry, as a peer carries it) picked among the committed
   * ones, which no committed-set check catches: only the parent check does.
   */
  private void replayStaleProposal() {
    List<Node> up = nodes.stream().filter(n -> n.up && n.halted == null && n.store.head().number() > 0).toList();
    if (!up.isEmpty() && rnd.nextBoolean()) {
      Node from = up.get(rnd.nextInt(up.size()));
      long number = 1 + rnd.nextInt((int) from.store.head().number());
      dev.raftseq.chain.types.Block old = from.store.blockByNumber(number).orElseThrow();
      log.add(new Entry(term, dev.raftseq.producer.entry.EntryCodec.encode(new dev.raftseq.producer.entry.LogEntry.FullBlock(
          dev.raftseq.chain.codec.BlockCodec.encodeBlock(old))), -1, null));
      count("stale full block replayed");
      return;
    }
    for (int i = log.size() - 1; i >= 0; i--) {
      if (log.get(i).bytes != null && log.get(i).bytes[0] == dev.raftseq.producer.entry.EntryCodec.TYPE_BLOCK_REF) {
        log.add(new Entry(term, log.get(i).bytes, -1, null));
        count("stale block replayed");
        return;
      }
    }
  }

  // ---- clients ------------------------------------------------------------------------------------

  private void submitLoop() {
    if (faults) {
      submitOne();
      at(4 + rnd.nextInt(25), this::submitLoop);
    }
  }

  private void submitOne() {
    List<Node> up = nodes.stream().filter(n -> n.up && n.halted == null).toList();
    if (up.isEmpty()) {
      return;
    }
    Node target = up.get(rnd.nextInt(up.size()));
    int s = rnd.nextInt(SENDERS);
    int nonce = clientNonce[s];
    int roll = rnd.nextInt(20);
    RecoveredTx tx;
    if (roll == 0 && nonce > 0) {
      tx = BUMPED[s][nonce - 1]; // a replacement of one that may be included already
    } else if (roll == 1 && nonce + 1 < NONCES) {
      tx = TXS[s][nonce + 1]; // a gap
    } else if (nonce < NONCES) {
      tx = TXS[s][nonce];
    } else {
      return;
    }
    invariants.submitted(tx);
    long sentAt = now;
    target.core.submit(tx.encoded()).whenComplete((hash, error) -> {
      if (error == null) {
        invariants.acknowledged(tx, sentAt);
        if (tx.tx().nonce() == clientNonce[s]) {
          clientNonce[s]++;
        }
        return;
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      boolean unknown = cause instanceof TxRejectedException r && r.reason() == TxRejection.NOT_SERVING;
      invariants.refused(tx, unknown);
      if (cause instanceof TxRejectedException r && r.reason() == TxRejection.NONCE_TOO_LOW
          && tx.tx().nonce() == clientNonce[s]) {
        clientNonce[s]++; // an earlier attempt made it after all
      }
    });
  }

  /** The signer of a block, for the invariants. */
  static Address signer(Block b) {
    try {
      return SealFields.signer(b.header());
    } catch (dev.raftseq.chain.codec.DecodeException e) {
      throw new AssertionError(e);
    }
  }

  static Hash hashOf(RecoveredTx tx) {
    return tx.hash();
  }
}
