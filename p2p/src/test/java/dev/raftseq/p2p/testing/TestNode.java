package dev.raftseq.p2p.testing;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.p2p.Enode;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.P2pConfig;
import dev.raftseq.p2p.P2pNetwork;
import dev.raftseq.p2p.SubProtocol;
import dev.raftseq.p2p.sync.CommittedTxSource;
import dev.raftseq.p2p.sync.ZksLimits;
import dev.raftseq.p2p.sync.ZksProtocol;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A p2p endpoint on loopback (ephemeral port) serving {@code zks} from a chain. */
public final class TestNode implements AutoCloseable {
  public final NodeKey key;
  public final Vertx vertx;
  public final ZksProtocol zks;
  public final P2pNetwork network;
  private final ExecutorService serving;
  private final java.util.concurrent.atomic.AtomicLong servedTasks = new java.util.concurrent.atomic.AtomicLong();

  public TestNode(NodeKey key, ChainReader chain, P2pConfig config, CommittedTxSource txs, SubProtocol... extra) {
    this(key, chain, config, txs, ZksLimits.DEFAULT, extra);
  }

  public TestNode(NodeKey key, ChainReader chain, P2pConfig config, CommittedTxSource txs, ZksLimits limits,
      SubProtocol... extra) {
    this.key = key;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
    this.serving = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "zks-serve-" + NodeId.of(key).shortId());
      t.setDaemon(true);
      return t;
    });
    // counted, so a test can pace its requests by what was served rather than by the clock
    java.util.concurrent.Executor counted = task -> serving.execute(() -> {
      try {
        task.run();
      } finally {
        servedTasks.incrementAndGet();
      }
    });
    this.zks = new ZksProtocol(NodeId.of(key), chain, counted, txs, limits);
    List<SubProtocol> protocols = new ArrayList<>(List.of(zks));
    protocols.addAll(List.of(extra));
    this.network = new P2pNetwork(vertx, config, key, protocols);
  }

  public TestNode(NodeKey key, ChainReader chain, List<Enode> boot) {
    this(key, chain, config(boot), CommittedTxSource.NONE);
  }

  /** Loopback, ephemeral port, short timeouts and backoff for tests. */
  public static P2pConfig config(List<Enode> boot) {
    return P2pConfig.defaults("127.0.0.1", 0, boot)
        .withBackoff(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(400));
  }

  /** Requests this node has finished serving (answers queued), all peers together. */
  public long servedRequests() {
    return servedTasks.get();
  }

  public TestNode start() {
    network.start().toCompletableFuture().join();
    return this;
  }

  public Enode enode() {
    return network.enode();
  }

  public NodeId id() {
    return NodeId.of(key);
  }

  public static NodeKey key(int seed) {
    byte[] k = new byte[32];
    k[31] = (byte) seed;
    k[0] = 0x11;
    return NodeKey.fromPrivateKey(k);
  }

  /** Polls until the condition holds or the deadline passes. */
  public static boolean await(long timeoutMillis, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    network.stop().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
    serving.shutdownNow();
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
  }
}
