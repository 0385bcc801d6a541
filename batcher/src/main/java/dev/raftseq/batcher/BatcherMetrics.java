package dev.raftseq.batcher;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;

/**
 * The batcher's progress as Prometheus metrics (bind to the node's registry):
 * {@code batcher_last_sealed_batch}, {@code batcher_l1_last_committed_batch},
 * {@code batcher_l1_last_proven_batch}, {@code batcher_l1_last_executed_batch} (-1 until L1 was
 * read), {@code batcher_l1_transactions_in_flight}, {@code batcher_active} and the counter
 * {@code batcher_l1_errors_total}.
 *
 * <p>Micrometer holds a counter's source weakly: keep this binder reachable as long as the
 * registry (e.g. as a field of the node), or the counter reads NaN after a GC.
 */
public final class BatcherMetrics implements MeterBinder {
  private final Supplier<BatcherStatus> status;

  public BatcherMetrics(Supplier<BatcherStatus> status) {
    this.status = status;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("batcher_last_sealed_batch", status, s -> s.get().lastSealedBatch())
        .description("highest batch sealed from the applied chain").strongReference(true).register(registry);
    Gauge.builder("batcher_l1_last_committed_batch", status, s -> orMinusOne(s.get().lastCommittedBatch()))
        .description("L1 contract: batches committed").strongReference(true).register(registry);
    Gauge.builder("batcher_l1_last_proven_batch", status, s -> orMinusOne(s.get().lastProvenBatch()))
        .description("L1 contract: batches proven").strongReference(true).register(registry);
    Gauge.builder("batcher_l1_last_executed_batch", status, s -> orMinusOne(s.get().lastExecutedBatch()))
        .description("L1 contract: batches executed").strongReference(true).register(registry);
    Gauge.builder("batcher_l1_transactions_in_flight", status, s -> s.get().l1TransactionsInFlight())
        .description("L1 transactions sent and not yet settled").strongReference(true).register(registry);
    Gauge.builder("batcher_active", status, s -> s.get().active() ? 1 : 0)
        .description("1 while this node settles on L1").strongReference(true).register(registry);
    FunctionCounter.builder("batcher_l1_errors_total", status, s -> s.get().l1Errors())
        .description("L1 failures: unreachable, reverted or refused transactions").register(registry);
  }

  private static double orMinusOne(Long v) {
    return v == null ? -1 : v;
  }
}
