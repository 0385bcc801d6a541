package dev.raftseq.producer;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.exec.BaseFee;
import dev.raftseq.chain.exec.BlockImporter;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.store.ChainStore;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.consensus.CommittedEntries;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.consensus.Sequencing;
import dev.raftseq.producer.consensus.TxOutcome;
import dev.raftseq.producer.entry.EntryCodec;
import dev.raftseq.producer.entry.LogEntry;
import dev.raftseq.producer.mempool.Mempool;
import dev.raftseq.producer.mempool.MempoolConfig;
import dev.raftseq.producer.mempool.SynchronizedMempool;
import dev.raftseq.producer.mempool.TxPool;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequencer core: one object that owns admission (decode once, check against the head and the
 * committed set, replicate in groups), the committed set, the production loop, and the single
 * {@link ApplyPath} every entry and block takes. It sees consensus only through {@link Sequencing}
 * (Ratis on a consensus node, {@link dev.raftseq.producer.consensus.LocalSequencing} on the single
 * sequencer), so both modes run this same code.
 *
 * <p>The path of a transaction: {@link #submit} decodes it and recovers its sender once, checks it
 * against the head and the committed set, and hands it to group commit; the batch entry (carrying
 * senders) is replicated; every node's apply path admits it into its committed set by the same rules;
 * the submitter answers the client with the hash only once that apply accepted it. The leader's
 * production loop builds from the committed set and proposes a block that names its transactions by
 * hash; every node applies it through the apply path.
 */
public final class SequencerCore implements CommittedEntries, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SequencerCore.class);

  /**
   * What the core needs to know.
   *
   * @param ackTimeout the longest a client waits for its transaction's batch to apply
   */
  public record Config(ProducerConfig producer, MempoolConfig pool, BatchingLimits batching, Duration ackTimeout) {
    public Config {
      Objects.requireNonNull(producer, "producer");
      Objects.requireNonNull(pool, "pool");
      Objects.requireNonNull(batching, "batching");
      Objects.requireNonNull(ackTimeout, "ackTimeout");
    }

    public static Config defaults(ProducerConfig producer, MempoolConfig pool) {
      return new Config(producer, pool, BatchingLimits.defaults(), Duration.ofSeconds(15));
    }

    public Config withBatching(BatchingLimits limits) {
      return new Config(producer, pool, limits, ackTimeout);
    }

    public Config withAckTimeout(Duration timeout) {
      return new Config(producer, pool, batching, timeout);
    }
  }

  private final String nodeTag;
  private final Config config;
  private final ChainStore store;
  private final Sequencing sequencing;
  private final TxPool pool;
  private final ApplyPath applyPath;
  private final TxSubmitter submitter;
  private final LocalSubmissions localSubmissions = new LocalSubmissions();
  private final ProductionLoop loop;
  private final ProductionPause pause;
  private final CoreMetrics metrics;
  private final List<Consumer<Block>> headSubscribers = new CopyOnWriteArrayList<>();
  private volatile ProductionService production;

  /**
   * @param sealers the keys allowed to seal blocks until the log names the consensus members
   *     ({@link #membershipChanged}); from then on the members the log names at each entry
   * @param events runs listeners after each applied block, off the apply thread (one at a time, in
   *     order); a simulation passes a direct executor
   */
  public SequencerCore(String nodeTag, Config config, ChainStore store, Sequencing sequencing, BlockBuilding building,
      Predicate<Address> sealers, CoreMetrics metrics, Executor events) {
    this.nodeTag = nodeTag;
    this.config = config;
    this.store = store;
    this.sequencing = sequencing;
    this.metrics = metrics;
    RemovalLog removals = new RemovalLog(nodeTag, metrics);
    this.pool = new SynchronizedMempool(new Mempool(config.pool(), removals));
    SealerSet sealerSet = new SealerSet(sealers, store.members());
    BlockImporter importer = new BlockImporter(store, store.chainId(), sealerSet);
    this.applyPath = new ApplyPath(nodeTag, store, importer, sealerSet, pool, removals, metrics, events);
    this.submitter = new TxSubmitter(config.batching(), sequencing::replicate, metrics);
    this.pause = new ProductionPause(sequencing::producingTerm);
    this.loop = new ProductionLoop(nodeTag, config.producer(), applyPath::head, pause, pool, building,
        new Proposals());
    applyPath.onBlockApplied(this::afterBlock);
    registerGauges();
  }

  /**
   * Restores the committed set from the database and joins the log; then the production loop runs
   * on a thread of its own (it produces only while {@link Sequencing#producingTerm()} says so).
   */
  public void start(InstantSource clock) throws IOException {
    startWithoutProduction();
    ProductionService service = new ProductionService(nodeTag, loop, clock);
    sequencing.onProducingTermChange(service::wakeUp);
    production = service;
    service.start();
  }

  /** {@link #start} without the production thread: the caller drives {@link #tick} (simulations, tests). */
  public void startWithoutProduction() throws IOException {
    applyPath.restorePool();
    sequencing.start(this);
  }

  /** Runs one production step at {@code nowMillis}; returns when another is next useful. */
  public long tick(long nowMillis) {
    return loop.tick(nowMillis);
  }

  // ---- CommittedEntries: the consensus layer delivers here ---------------------------------------

  @Override
  public Optional<AppliedIndex> lastApplied() {
    return store.lastApplied();
  }

  @Override
  public Optional<String> malformed(byte[] entry) {
    try {
      EntryCodec.validate(entry);
      return Optional.empty();
    } catch (DecodeException e) {
      return Optional.of("malformed entry: " + e.getMessage());
    }
  }

  @Override
  public EntryResult apply(AppliedIndex index, byte[] entry) {
    LogEntry decoded;
    try {
      decoded = EntryCodec.decode(entry);
    } catch (DecodeException e) {
      LOG.error("[{}] CORRUPT log entry at {} ({} bytes): {}. Skipped; every node skips it the same way.",
          nodeTag, index, entry.length, e.getMessage());
      return applyPath.skip(index, "malformed entry: " + e.getMessage());
    }
    return applyPath.apply(index, decoded);
  }

  @Override
  public void membershipChanged(AppliedIndex index, Set<String> memberIds) {
    applyPath.membershipChanged(index, memberIds.stream().map(String::toLowerCase).sorted().toList());
  }

  @Override
  public void makeDurable() {
    store.syncWal();
  }

  // ---- what JSON-RPC and replay use ----------------------------------------------------------------

  public ChainReader chain() {
    return store;
  }

  /** The newest applied block and its state. */
  public ChainView.Head head() {
    return applyPath.head();
  }

  /**
   * Admits a client's raw transaction: completes with its hash once the log committed it and the
   * apply path accepted it into the committed set, or exceptionally with a
   * {@link DecodeException} or {@link TxRejectedException} (geth's texts).
   */
  public CompletableFuture<Hash> submit(byte[] raw) {
    Timer.Sample sample = Timer.start();
    RecoveredTx tx;
    try {
      tx = TransactionCodec.decodeStrict(raw, store.chainId());
      ChainView.Head h = applyPath.head();
      pool.check(tx, h.state(), BaseFee.next(h.block().header()));
    } catch (DecodeException | TxRejectedException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      sample.stop(metrics.admission);
    }
    return submitter.submit(RawTx.of(tx))
        .orTimeout(config.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .handle((outcome, error) -> {
          if (error != null) {
            throw new CompletionException(new TxRejectedException(TxRejection.NOT_SERVING,
                "not committed within " + config.ackTimeout().toMillis() + " ms (it may still be)"));
          }
          if (!outcome.accepted()) {
            throw new CompletionException(outcome.toException());
          }
          localSubmissions.acknowledged(tx.sender(), tx.tx().nonce());
          metrics.acknowledged.increment();
          return tx.hash();
        });
  }

  /** The next nonce for {@code sender}: the head's, plus its pending committed transactions and this node's acknowledgements. */
  public long pendingNonce(Address sender) {
    long counted = pool.atomically(() -> pool.pendingNonce(sender, applyPath.head().state()));
    return localSubmissions.pendingNonce(sender, counted);
  }

  /** A committed transaction not yet in a block. */
  public Optional<RecoveredTx> pendingTransaction(Hash hash) {
    return Optional.ofNullable(pool.get(hash));
  }

  /** The base fee of the block after the head. */
  public Wei nextBaseFee() {
    return BaseFee.next(applyPath.head().block().header());
  }

  /** The committed set, for metrics and tests. */
  public TxPool pool() {
    return pool;
  }

  /** Calls {@code listener} with every block applied from now on, in order, off the apply thread. */
  public AutoCloseable subscribeNewHeads(Consumer<Block> listener) {
    headSubscribers.add(listener);
    return () -> headSubscribers.remove(listener);
  }

  /** Applies a block replayed from a peer through the same apply path, fully verified. */
  public EntryResult applyReplayed(Block block) {
    return applyPath.applyReplayed(block);
  }

  /**
   * Commits a replayed block the caller verified against the current head (replay's verifier), so
   * Raft-applied and replayed blocks share this apply path without executing a block twice.
   */
  public EntryResult applyVerified(dev.raftseq.chain.store.BlockCommit verified) {
    return applyPath.applyVerified(verified);
  }

  /** This node's consensus log position with its committed set and members (for a peer whose log was purged). */
  public Optional<dev.raftseq.producer.consensus.CommittedCheckpoint> checkpoint() {
    return applyPath.checkpoint();
  }

  /** Takes over a peer's log position once block sync brought the chain to its head; see {@link ApplyPath}. */
  public void installCheckpoint(dev.raftseq.producer.consensus.CommittedCheckpoint checkpoint) {
    applyPath.installCheckpoint(checkpoint);
  }

  public ProductionService.Status productionStatus() {
    ProductionService p = production;
    return p == null ? new ProductionService.Status(false, loop.blockInFlight(), loop.blocksSubmitted(),
        loop.blocksApplied()) : p.status();
  }

  /**
   * The operator's pause: this node seals no block while paused, even as the Raft leader (a block
   * already proposed still resolves). Node-local and not persisted. Returns whether it changed anything.
   */
  public boolean pauseProduction() {
    boolean changed = pause.set(true);
    if (changed) {
      LOG.info("[{}] block production paused by the operator", nodeTag);
      wakeProducer();
    }
    return changed;
  }

  /** Ends {@link #pauseProduction()}; returns whether it changed anything. */
  public boolean resumeProduction() {
    boolean changed = pause.set(false);
    if (changed) {
      LOG.info("[{}] block production resumed by the operator", nodeTag);
      wakeProducer();
    }
    return changed;
  }

  public boolean productionPaused() {
    return pause.paused();
  }

  /** Makes the production loop look again now (a new transaction, a leadership change). */
  public void wakeProducer() {
    ProductionService p = production;
    if (p != null) {
      p.wakeUp();
    }
  }

  private void afterBlock(Block block) {
    for (RecoveredTx tx : block.transactions()) {
      localSubmissions.included(tx.sender(), tx.tx().nonce());
    }
    for (Consumer<Block> s : headSubscribers) {
      try {
        s.accept(block);
      } catch (RuntimeException e) {
        LOG.warn("[{}] newHeads subscriber failed", nodeTag, e);
      }
    }
    wakeProducer();
  }

  private void registerGauges() {
    var r = metrics.registry();
    Gauge.builder("sequencer.head.block.number", applyPath, a -> a.head().block().number())
        .description("the newest applied block").register(r);
    Gauge.builder("sequencer.mempool.transactions", pool, TxPool::pendingCount).tag("state", "pending")
        .description("committed transactions waiting for a block").register(r);
    Gauge.builder("sequencer.mempool.transactions", pool, TxPool::queuedCount).tag("state", "queued").register(r);
    Gauge.builder("sequencer.mempool.transactions", pool, TxPool::size).tag("state", "committed").register(r);
  }

  @Override
  public void close() {
    ProductionService p = production;
    if (p != null) {
      p.close();
    }
  }

  /** The production loop's proposals, through the log. */
  private final class Proposals implements BlockSink {
    @Override
    public CompletableFuture<EntryResult> submit(Block sealed, BuiltBlock built) {
      long sealNanos = loop.takeSealNanos();
      metrics.seal.record(sealNanos, TimeUnit.NANOSECONDS);
      applyPath.rememberBuilt(sealed, built);
      List<Hash> hashes = new ArrayList<>(sealed.transactions().size());
      for (RecoveredTx tx : sealed.transactions()) {
        hashes.add(tx.hash());
      }
      Timer.Sample sample = Timer.start();
      byte[] entry = EntryCodec.encode(new LogEntry.BlockRef(sealed.header(), hashes));
      return sequencing.propose(entry).thenApply(result -> {
        long commitNanos = sample.stop(metrics.propose);
        if (result instanceof EntryResult.BlockApplied) {
          metrics.blocksProduced.increment();
          LOG.info("[{}] block {}: {} txs, {} gas, sealed in {} ms, committed in {} ms", nodeTag, sealed.number(),
              sealed.transactions().size(), sealed.header().gasUsed(), TimeUnit.NANOSECONDS.toMillis(sealNanos),
              TimeUnit.NANOSECONDS.toMillis(commitNanos));
        } else {
          applyPath.forgetBuilt(sealed.hash());
        }
        return result;
      });
    }

    @Override
    public CompletableFuture<EntryResult> drop(List<LogEntry.Drop> drops) {
      return sequencing.propose(EntryCodec.encode(new LogEntry.DropTxs(drops)));
    }
  }
}
