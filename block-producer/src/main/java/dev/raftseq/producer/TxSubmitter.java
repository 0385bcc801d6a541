package dev.raftseq.producer;

import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.consensus.TxOutcome;
import dev.raftseq.producer.entry.EntryCodec;
import dev.raftseq.producer.entry.LogEntry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Group commit of client transactions into log entries. At most {@code maxInFlight} batches are
 * being replicated at once; a transaction that arrives while they are goes into the next batch,
 * which is sent as soon as one of them completes. So an idle node sends a transaction alone at once
 * (no linger), and under load entries grow with the load instead of queueing behind each other.
 * Thread-safe; sends happen outside the lock.
 */
final class TxSubmitter {

  private record Pending(RawTx tx, CompletableFuture<TxOutcome> outcome) {}

  private final BatchingLimits limits;
  private final Function<byte[], CompletableFuture<EntryResult>> replicate;
  private final CoreMetrics metrics;
  private final Deque<Pending> queue = new ArrayDeque<>();
  private int inFlight;

  TxSubmitter(BatchingLimits limits, Function<byte[], CompletableFuture<EntryResult>> replicate, CoreMetrics metrics) {
    this.limits = limits;
    this.replicate = replicate;
    this.metrics = metrics;
  }

  /** Completes with the transaction's outcome once its batch applied, or a rejection saying why it was not. */
  CompletableFuture<TxOutcome> submit(RawTx tx) {
    CompletableFuture<TxOutcome> outcome = new CompletableFuture<>();
    List<List<Pending>> ready;
    synchronized (this) {
      if (queue.size() >= limits.maxQueued()) {
        return CompletableFuture.completedFuture(TxOutcome.rejected(TxRejection.NOT_SERVING,
            limits.maxQueued() + " transactions are already waiting for replication"));
      }
      queue.add(new Pending(tx, outcome));
      ready = takeReady();
    }
    ready.forEach(this::send);
    return outcome;
  }

  /** Batches waiting to be replicated and in flight, for tests and metrics. */
  synchronized int waiting() {
    return queue.size();
  }

  synchronized int inFlight() {
    return inFlight;
  }

  /** Under the lock: batches that may be sent now. */
  private List<List<Pending>> takeReady() {
    List<List<Pending>> out = new ArrayList<>(0);
    while (inFlight < limits.maxInFlight() && !queue.isEmpty()) {
      List<Pending> batch = new ArrayList<>();
      long bytes = EntryCodec.BATCH_HEADER_BYTES;
      while (!queue.isEmpty() && batch.size() < limits.maxTxs()) {
        int item = EntryCodec.batchItemBytes(queue.peekFirst().tx().raw());
        if (!batch.isEmpty() && bytes + item > limits.maxBytes()) {
          break;
        }
        batch.add(queue.pollFirst());
        bytes += item;
      }
      inFlight++;
      out.add(batch);
    }
    return out;
  }

  private void send(List<Pending> batch) {
    List<RawTx> txs = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      txs.add(p.tx());
    }
    metrics.batchSize.record(batch.size());
    Timer.Sample sample = Timer.start();
    CompletableFuture<EntryResult> result;
    try {
      result = replicate.apply(EntryCodec.encode(new LogEntry.TxBatch(txs)));
    } catch (RuntimeException e) {
      result = CompletableFuture.completedFuture(new EntryResult.Failed(e.toString()));
    }
    result.whenComplete((r, e) -> {
      sample.stop(metrics.batchCommit);
      EntryResult outcome = e != null ? new EntryResult.Failed(e.toString()) : r;
      List<List<Pending>> next;
      synchronized (this) {
        inFlight--;
        next = takeReady();
      }
      complete(batch, outcome);
      next.forEach(this::send);
    });
  }

  private static void complete(List<Pending> batch, EntryResult result) {
    if (result instanceof EntryResult.TxsApplied applied && applied.outcomes().size() == batch.size()) {
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).outcome().complete(applied.outcomes().get(i));
      }
      return;
    }
    TxOutcome failed = TxOutcome.rejected(TxRejection.NOT_SERVING, describe(result));
    for (Pending p : batch) {
      p.outcome().complete(failed);
    }
  }

  private static String describe(EntryResult result) {
    if (result instanceof EntryResult.NotLeader n) {
      return "not replicated: " + n.reason();
    }
    if (result instanceof EntryResult.Failed f) {
      return "not acknowledged (it may still be committed): " + f.reason();
    }
    if (result instanceof EntryResult.Rejected r) {
      return "rejected by the log: " + r.reason();
    }
    return "unexpected result " + result;
  }
}
