package dev.raftseq.producer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The sequencer core's meters, one per stage of the transaction path, so a profile can be read from
 * {@code /metrics} (Prometheus names in comments).
 */
public final class CoreMetrics {
  private final MeterRegistry registry;
  /** sequencer_admission_seconds: decode, recover and check a client's transaction. */
  final Timer admission;
  /** sequencer_batch_commit_seconds: a transaction batch from submission to its apply result. */
  final Timer batchCommit;
  /** sequencer_batch_transactions: transactions per replicated batch. */
  final DistributionSummary batchSize;
  /** sequencer_propose_seconds: a sealed block from proposal to its apply result. */
  final Timer propose;
  /** sequencer_block_seal_seconds: building (executing) and sealing one block. */
  final Timer seal;
  /** sequencer_blocks_produced_total: blocks this node sealed that became the head. */
  final Counter blocksProduced;
  /** sequencer_transactions_included_total: transactions in applied blocks. */
  final Counter transactionsIncluded;
  /** sequencer_transactions_acknowledged_total: client transactions answered with their hash. */
  final Counter acknowledged;
  private final ConcurrentMap<String, Timer> applyByKind = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> removedByReason = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Counter> skippedByReason = new ConcurrentHashMap<>();

  public CoreMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.admission = Timer.builder("sequencer.admission").description("decode, recover and check a submitted transaction")
        .publishPercentiles(0.5, 0.99).register(registry);
    this.batchCommit = Timer.builder("sequencer.batch.commit")
        .description("a transaction batch from submission to its apply result").publishPercentiles(0.5, 0.99)
        .register(registry);
    this.batchSize = DistributionSummary.builder("sequencer.batch.transactions")
        .description("transactions per replicated batch").publishPercentiles(0.5, 0.99).register(registry);
    this.propose = Timer.builder("sequencer.propose").description("a sealed block from proposal to its apply result")
        .publishPercentiles(0.5, 0.99).register(registry);
    this.seal = Timer.builder("sequencer.block.seal").description("building and sealing one block")
        .publishPercentiles(0.5, 0.99).register(registry);
    this.blocksProduced = Counter.builder("sequencer.blocks.produced")
        .description("blocks sealed by this node that became the head").register(registry);
    this.transactionsIncluded = Counter.builder("sequencer.transactions.included")
        .description("transactions in applied blocks").register(registry);
    this.acknowledged = Counter.builder("sequencer.transactions.acknowledged")
        .description("client transactions answered with their hash").register(registry);
  }

  /** Meters that go nowhere, for tests and tools. */
  public static CoreMetrics noop() {
    return new CoreMetrics(new SimpleMeterRegistry());
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** sequencer_apply_seconds{entry}: applying one committed entry of a kind. */
  Timer apply(String entryKind) {
    return applyByKind.computeIfAbsent(entryKind, k -> Timer.builder("sequencer.apply").tag("entry", k)
        .description("applying one committed log entry").publishPercentiles(0.5, 0.99).register(registry));
  }

  /** sequencer_committed_removed_total{reason}: transactions that left the committed set. */
  void removed(String reason) {
    removedByReason.computeIfAbsent(reason.toLowerCase(Locale.ROOT), r -> Counter.builder("sequencer.committed.removed")
        .tag("reason", r).description("transactions that left the committed set").register(registry)).increment();
  }

  /** sequencer_replicated_skipped_total{reason}: replicated transactions skipped while applying. */
  void skipped(String reason) {
    skippedByReason.computeIfAbsent(reason, r -> Counter.builder("sequencer.replicated.skipped")
        .tag("reason", r).description("replicated transactions skipped while applying (broken, or they threw)")
        .register(registry)).increment();
  }
}
