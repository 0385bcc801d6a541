package dev.raftseq.producer;

import dev.raftseq.chain.exec.BaseFee;
import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.exec.RejectedTx;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.entry.LogEntry;
import dev.raftseq.producer.mempool.TxPool;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when to build, seal and submit a block; driven by {@link #tick(long)} with the current
 * time, never by threads or sleeps of its own (the {@link ProductionService} drives it).
 *
 * <p>Rules: produce only while the {@link LeadershipGate} gives a term; at most one proposal in
 * flight (a block, or drops of transactions the builder found can never be included), and the next
 * block is built only on the head that includes the previous one (never on an unapplied head); seal
 * one block time after the previous seal, or at once when the pending transactions fill a block; no
 * empty blocks unless configured, except while committed transactions wait for the base fee to fall
 * below their fee cap (an empty block lowers it by 12.5 %); block timestamps never decrease, whatever
 * the clock does. After a stale rejection or a failure the transactions stay in the pool and the block
 * is built again.
 */
public final class ProductionLoop {
  private static final Logger LOG = LoggerFactory.getLogger(ProductionLoop.class);

  private final String nodeTag;
  private final ProducerConfig config;
  private final ChainView chain;
  private final LeadershipGate gate;
  private final TxPool pool;
  private final BlockBuilding building;
  private final BlockSink sink;

  private InFlight inFlight;
  /** The term blocks are being produced under, or -1 while not producing. */
  private long producingTerm = -1;
  /** Local time of the last build; block time counts from here. */
  private long lastBuildMillis;
  /** An early (full-block) seal only follows a build that included something, or it could spin. */
  private boolean lastBuildIncluded = true;
  /** The last build left valid transactions out for lack of gas: the next block is due at once. */
  private boolean lastBuildDeferred;
  /** After our block applied: the head must reach this number before we build again. */
  private long awaitHeadNumber = -1;
  /** The parent of a block rejected as stale: once the head has moved past it, rebuild at once. */
  private Hash staleParent;
  private long blocksSubmitted;
  private long blocksApplied;
  private long sealNanos;
  /** Drops were applied since the last build, which may have uncovered includable transactions. */
  private boolean dropsApplied;

  /** A sealed block (or, with {@code block} null, drops) handed to the sink and not resolved yet. */
  private record InFlight(Block block, long term, CompletableFuture<EntryResult> outcome) {}

  /** {@code nodeTag} prefixes every log line, e.g. the node id. */
  public ProductionLoop(
      String nodeTag,
      ProducerConfig config,
      ChainView chain,
      LeadershipGate gate,
      TxPool pool,
      BlockBuilding building,
      BlockSink sink) {
    this.nodeTag = nodeTag;
    this.config = config;
    this.chain = chain;
    this.gate = gate;
    this.pool = pool;
    this.building = building;
    this.sink = sink;
  }

  /**
   * Does whatever is due at {@code nowMillis} and returns how many milliseconds from now another
   * tick is next useful. Events that can make it useful sooner (a new transaction, an applied
   * block, a leadership change, the in-flight block resolving) should wake the driver early.
   */
  public long tick(long nowMillis) {
    long blockTime = config.blockTimeMillis();
    OptionalLong term = gate.term();
    if (inFlight != null) {
      if (!inFlight.outcome().isDone()) {
        noteLeadership(term);
        return blockTime;
      }
      resolve(inFlight);
      inFlight = null;
    }
    if (!noteLeadership(term)) {
      return blockTime;
    }
    if (nowMillis < lastBuildMillis) {
      lastBuildMillis = nowMillis; // the clock went back: count the block time from now
    }
    ChainView.Head head = chain.head();
    Block parent = head.block();
    if (parent.number() < awaitHeadNumber) {
      return blockTime; // our block is committed but not applied here yet; applying wakes us
    }
    long due = lastBuildMillis + blockTime;
    boolean headMovedAfterStale = staleParent != null && !staleParent.equals(parent.hash());
    boolean full = lastBuildIncluded && (lastBuildDeferred || poolFillsBlock(parent.header().gasLimit()));
    if (nowMillis < due && !headMovedAfterStale && !full && !dropsApplied) {
      return due - nowMillis;
    }
    if (pool.pendingCount() == 0 && !config.produceEmptyBlocks()) {
      return blockTime; // idle; a new transaction wakes us and is sealed at once
    }
    if (!head.state().root().equals(parent.header().stateRoot())) {
      LOG.warn("[{}] head state {} does not match head block {} root {}; not building",
          nodeTag, head.state().root(), parent.number(), parent.header().stateRoot());
      return blockTime;
    }
    return build(head, term.getAsLong(), nowMillis) ? 0 : blockTime;
  }

  /** Whether a block is submitted and not resolved yet. */
  public boolean blockInFlight() {
    return inFlight != null;
  }

  /** The in-flight block's outcome, so a driver can wake when it resolves. */
  public CompletableFuture<EntryResult> inFlightOutcome() {
    return inFlight == null ? null : inFlight.outcome();
  }

  /** Whether the last tick found this node allowed to produce. */
  public boolean producing() {
    return producingTerm >= 0;
  }

  public long blocksSubmitted() {
    return blocksSubmitted;
  }

  public long blocksApplied() {
    return blocksApplied;
  }

  private boolean poolFillsBlock(long blockGasLimit) {
    return pool.pendingCount() >= config.maxTransactionsInBlock() || pool.pendingGas() >= blockGasLimit;
  }

  /** Tracks the term to produce under; returns whether production is allowed now. */
  private boolean noteLeadership(OptionalLong term) {
    long now = term.isPresent() ? term.getAsLong() : -1;
    if (now == producingTerm) {
      return now >= 0;
    }
    if (producingTerm >= 0) {
      LOG.info("[{}] stopped producing blocks (term {})", nodeTag, producingTerm);
    }
    producingTerm = now;
    if (now >= 0) {
      LOG.info("[{}] producing blocks in term {}", nodeTag, now);
      lastBuildIncluded = true;
      staleParent = null;
    }
    return now >= 0;
  }

  /** Builds and submits a block (or the drops it found); true when the next tick should build again at once. */
  private boolean build(ChainView.Head head, long term, long nowMillis) {
    Block parentBlock = head.block();
    Header parent = parentBlock.header();
    // next number, the parent's gas limit, the next base fee, and max(now, parent's time)
    BlockContext context = BlockContext.childOf(config.chainId(), parentBlock, nowMillis, config.coinbase());
    long started = System.nanoTime();
    BuiltBlock built = building.build(
        parent, head.state(), context, pool.candidates(context.baseFee()), config.maxTransactionsInBlock());
    staleParent = null;
    dropsApplied = false;
    List<LogEntry.Drop> drops = new ArrayList<>();
    for (RejectedTx rejected : built.rejected()) {
      if (RejectionPolicy.isPermanent(rejected, context)) {
        LOG.info("[{}] proposing to drop {}: {}: {}", nodeTag, rejected.tx(), rejected.reason().message(),
            rejected.detail());
        drops.add(new LogEntry.Drop(rejected.tx().hash(), rejected.reason()));
      }
    }
    lastBuildIncluded = !built.included().isEmpty();
    lastBuildDeferred = !built.deferred().isEmpty();
    lastBuildMillis = nowMillis;
    OptionalLong stillTerm = gate.term();
    if (stillTerm.isEmpty() || stillTerm.getAsLong() != term) {
      LOG.info("[{}] leadership changed while building block {}; not submitting", nodeTag, context.number());
      return false;
    }
    if (!lastBuildIncluded && !config.produceEmptyBlocks()) {
      if (!drops.isEmpty()) {
        // once the drops apply, the builder no longer skips their senders: build again then
        submit(new InFlight(null, term, sink.drop(drops)));
        return false;
      }
      if (!waitingForBaseFee(built, context)) {
        return false;
      }
      LOG.info("[{}] committed transactions wait for the base fee {} to fall: sealing an empty block",
          nodeTag, context.baseFee());
    }
    Block sealed = building.seal(built, parent, term);
    sealNanos += System.nanoTime() - started;
    CompletableFuture<EntryResult> outcome;
    try {
      outcome = sink.submit(sealed, built);
    } catch (RuntimeException e) {
      outcome = CompletableFuture.completedFuture(new EntryResult.Failed(e.toString()));
    }
    submit(new InFlight(sealed, term, outcome));
    blocksSubmitted++;
    LOG.debug("[{}] submitted block {} {} with {} txs", nodeTag, sealed.number(), sealed.hash(), built.included().size());
    return false;
  }

  /**
   * Nothing could be included, yet transactions are pending: they cannot pay the current base fee,
   * and an empty block would lower it (below 8 wei, 1/8 of it rounds to nothing).
   */
  private boolean waitingForBaseFee(BuiltBlock built, BlockContext context) {
    return built.rejected().isEmpty() && built.deferred().isEmpty() && pool.pendingCount() > 0
        && context.baseFee().value().compareTo(java.math.BigInteger.valueOf(BaseFee.CHANGE_DENOMINATOR)) >= 0;
  }

  private void submit(InFlight proposal) {
    inFlight = proposal;
  }

  /** Nanoseconds spent building and sealing since the last call (for the seal timer). */
  public long takeSealNanos() {
    long n = sealNanos;
    sealNanos = 0;
    return n;
  }

  private void resolve(InFlight done) {
    EntryResult outcome = outcomeOf(done.outcome());
    Block block = done.block();
    if (block == null) {
      if (outcome instanceof EntryResult.DropsApplied) {
        dropsApplied = true; // the builder skipped the dropped ones' senders: build again at once
      } else {
        LOG.warn("[{}] drop proposal failed: {}", nodeTag, outcome);
      }
      return;
    }
    if (outcome instanceof EntryResult.BlockApplied) {
      blocksApplied++;
      awaitHeadNumber = block.number();
      LOG.debug("[{}] block {} {} applied", nodeTag, block.number(), block.hash());
    } else if (outcome instanceof EntryResult.BlockStale stale) {
      staleParent = block.header().parentHash();
      LOG.info("[{}] block {} {} rejected as stale: {}", nodeTag, block.number(), block.hash(), stale.reason());
    } else {
      LOG.warn("[{}] block {} {} not applied: {}", nodeTag, block.number(), block.hash(), outcome);
    }
  }

  private static EntryResult outcomeOf(CompletableFuture<EntryResult> future) {
    try {
      EntryResult outcome = future.join();
      return outcome == null ? new EntryResult.Failed("no outcome") : outcome;
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new EntryResult.Failed(cause.toString());
    }
  }
}
