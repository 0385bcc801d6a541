package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.producer.consensus.EntryResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * Real Ratis servers over gRPC with mutual TLS on loopback, one JVM (real node keys). Each node keeps its ports, storage directory and
 * {@link FakeChain} across restarts, so a restart is realistic.
 */
final class TestCluster implements AutoCloseable {
  static final long CHAIN_ID = 271;
  static final dev.raftseq.chain.types.Hash GENESIS_HASH = dev.raftseq.chain.crypto.Keccak.hash(new byte[] {42});

  /** What survives a node restart. */
  static final class Slot {
    final NodeKey key;
    final String nodeId;
    final int port;
    final Path storage;
    FakeChain chain = new FakeChain();
    RaftNode node;

    Slot(NodeKey key, int port, Path storage) {
      this.key = key;
      this.nodeId = key.nodeIdHex();
      this.port = port;
      this.storage = storage;
    }
  }

  private final List<Slot> slots;
  /** The initial members: the first slots; the others are spares that join later (bootstrap=false). */
  private final int members;
  private final List<RaftNodeConfig.Peer> peers;
  private final UnaryOperator<RaftNodeConfig> customize;

  private TestCluster(List<Slot> slots, int members, UnaryOperator<RaftNodeConfig> customize) {
    this.slots = slots;
    this.members = members;
    this.peers = slots.subList(0, members).stream()
        .map(s -> new RaftNodeConfig.Peer(s.nodeId, "127.0.0.1", s.port)).toList();
    this.customize = customize;
  }

  static TestCluster create(int size, Path dir, UnaryOperator<RaftNodeConfig> customize) {
    return create(size, 0, dir, customize);
  }

  /** {@code size} initial members plus {@code spares} nodes not in the group yet. */
  static TestCluster create(int size, int spares, Path dir, UnaryOperator<RaftNodeConfig> customize) {
    Random random = new Random(size * 31L + spares + dir.hashCode());
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < size + spares; i++) {
      slots.add(new Slot(randomKey(random), freePort(), dir.resolve("node" + i)));
    }
    return new TestCluster(slots, size, customize);
  }

  static TestCluster create(int size, Path dir) {
    return create(size, dir, UnaryOperator.identity());
  }

  static NodeKey randomKey(Random random) {
    byte[] secret = new byte[32];
    do {
      random.nextBytes(secret);
    } while (!Secp256k1.isValidPrivateKey(secret));
    return NodeKey.fromPrivateKey(secret);
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int size() {
    return slots.size();
  }

  Slot slot(int i) {
    return slots.get(i);
  }

  RaftNode node(int i) {
    return slots.get(i).node;
  }

  FakeChain chain(int i) {
    return slots.get(i).chain;
  }

  RaftNodeConfig config(int i) {
    Slot s = slots.get(i);
    if (i >= members) { // a spare knows the members (for its client) and initializes no membership
      List<RaftNodeConfig.Peer> withSelf = new ArrayList<>(peers);
      withSelf.add(new RaftNodeConfig.Peer(s.nodeId, "127.0.0.1", s.port));
      return customize.apply(RaftNodeConfig.of(s.nodeId, CHAIN_ID, GENESIS_HASH, withSelf, s.storage, false)
          .withTls(s.key));
    }
    return customize.apply(RaftNodeConfig.of(s.nodeId, CHAIN_ID, GENESIS_HASH, peers, s.storage, true)
        .withTls(s.key));
  }

  /** Starts the initial members. */
  void startAll() {
    inParallel(i -> {
      if (i < members) {
        start(i);
      }
    });
  }

  void start(int i) {
    start(i, Optional.empty());
  }

  void start(int i, Optional<SnapshotFetcher> fetcher) {
    Slot s = slots.get(i);
    assertThat(s.node).as("node %s already running", i).isNull();
    RaftNode node = new RaftNode(config(i), fetcher);
    try {
      node.start(s.chain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    s.node = node;
  }

  void stop(int i) {
    Slot s = slots.get(i);
    if (s.node != null) {
      s.node.close();
      s.node = null;
    }
  }

  /** Loses everything a stopped node had: its Raft storage and its chain database. */
  void wipeNode(int i) {
    wipeChain(i);
    wipeRaftStorage(i);
  }

  /** Loses a stopped node's Raft storage, keeping its chain database. */
  void wipeRaftStorage(int i) {
    assertThat(isRunning(i)).isFalse();
    try (var files = java.nio.file.Files.walk(slots.get(i).storage)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Gives a stopped node another chain database, keeping its Raft storage. */
  void replaceChain(int i, FakeChain chain) {
    assertThat(isRunning(i)).isFalse();
    slots.get(i).chain = chain;
  }

  /** Loses a stopped node's chain database, keeping its Raft storage. */
  void wipeChain(int i) {
    assertThat(isRunning(i)).isFalse();
    slots.get(i).chain = new FakeChain();
  }

  boolean isRunning(int i) {
    return slots.get(i).node != null;
  }

  /** Waits until exactly one running node may produce, and returns it. */
  int awaitProducer(Duration timeout) {
    int[] found = {-1};
    await(timeout, "a single producing leader", () -> {
      int count = 0;
      for (int i = 0; i < size(); i++) {
        if (isRunning(i) && node(i).leadership().producingTerm().isPresent()) {
          found[0] = i;
          count++;
        }
      }
      return count == 1;
    });
    return found[0];
  }

  int awaitProducer() {
    return awaitProducer(Duration.ofSeconds(20));
  }

  /** Seals the next block on the node's own head, as the production loop would, and proposes it. */
  EntryResult produce(int i, String hash) {
    FakeChain.FakeBlock next = chain(i).head().child(hash);
    return node(i).propose(next.encode()).join();
  }

  /** Produces {@code count} blocks on node i, each expected to apply. */
  void produceBlocks(int i, String prefix, int count) {
    for (int k = 0; k < count; k++) {
      EntryResult outcome = produce(i, prefix + k);
      assertThat(outcome).as("block %s%s: %s", prefix, k, outcome).isInstanceOf(EntryResult.BlockApplied.class);
    }
  }

  /** Replicates one batch of {@code n} transactions "prefix-k" through node i and waits for its commit. */
  void submitAndAwait(int i, String prefix, int n) {
    List<String> txs = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      txs.add(prefix + "-" + k);
    }
    assertThat(node(i).replicate(FakeChain.txEntry(txs)).join()).isInstanceOf(EntryResult.TxsApplied.class);
  }

  /** Waits until every running node holds the same blocks and transactions as node {@code ref}. */
  void awaitConverged(int ref, Duration timeout) {
    await(timeout, "all running nodes converged on node " + ref, () -> {
      for (int i = 0; i < size(); i++) {
        if (isRunning(i) && (!chain(i).blocks().equals(chain(ref).blocks()) || !chain(i).txs().equals(chain(ref).txs()))) {
          return false;
        }
      }
      return true;
    });
  }

  void awaitConverged(int ref) {
    awaitConverged(ref, Duration.ofSeconds(20));
  }

  OptionalLong producingTerm(int i) {
    return node(i).leadership().producingTerm();
  }

  int anyOther(int... excluded) {
    outer:
    for (int i = 0; i < size(); i++) {
      for (int e : excluded) {
        if (e == i) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("no node left");
  }

  /** Polls a condition until it holds or the deadline passes (then fails with the description). */
  static void await(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(5); // polling interval, not synchronization: the loop re-checks the condition
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  void stopAll() {
    inParallel(this::stop);
  }

  /** Runs the action for every node on its own thread (the common pool has one thread on 2 cores). */
  private void inParallel(IntConsumer action) {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      int node = i;
      CompletableFuture<Void> f = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        try {
          action.accept(node);
          f.complete(null);
        } catch (Throwable e) {
          f.completeExceptionally(e);
        }
      }, "test-node-" + i);
      t.start();
      futures.add(f);
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
  }

  @Override
  public void close() {
    stopAll();
  }
}
