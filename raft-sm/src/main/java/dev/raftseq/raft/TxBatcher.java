package dev.raftseq.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces single transactions into TX_BATCH entries: a batch is sent when it reaches the size
 * limits or when its first transaction has waited the linger time, and every caller's future
 * completes when its batch has committed (or fails with the batch). This is the path of
 * {@code eth_sendRawTransaction} on consensus nodes.
 *
 * <p>One daemon thread assembles batches; sending is asynchronous, so the next batch assembles while
 * earlier ones replicate. The sink may block to apply backpressure.
 */
public final class TxBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TxBatcher.class);

  private record Pending(byte[] rawTx, CompletableFuture<Void> done) {}

  private final RaftNodeConfig.Batching config;
  private final Function<List<byte[]>, CompletableFuture<Void>> sink;
  private final BlockingQueue<Pending> queue;
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param sink sends one batch and completes when it has committed
   */
  public TxBatcher(RaftNodeConfig.Batching config, Function<List<byte[]>, CompletableFuture<Void>> sink,
      String threadName) {
    this.config = config;
    this.sink = sink;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Queues one raw transaction; the future completes once the batch holding it has committed, or
   * fails (queue full, batcher closed, transaction larger than a batch, batch failed).
   */
  public CompletableFuture<Void> submit(byte[] rawTx) {
    if (rawTx.length == 0 || EntryCodec.BATCH_HEADER_BYTES + EntryCodec.batchOverhead(rawTx) > config.maxBytes()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "transaction of " + rawTx.length + " bytes does not fit a batch of " + config.maxBytes() + " bytes"));
    }
    if (closed) {
      return CompletableFuture.failedFuture(new RejectedExecutionException("transaction batcher is closed"));
    }
    Pending p = new Pending(rawTx.clone(), new CompletableFuture<>());
    if (!queue.offer(p)) {
      return CompletableFuture.failedFuture(new RejectedExecutionException(
          "transaction batcher queue is full (" + config.queueCapacity() + ")"));
    }
    if (closed && queue.remove(p)) {
      p.done().completeExceptionally(new RejectedExecutionException("transaction batcher is closed"));
    }
    return p.done();
  }

  private void run() {
    long lingerNanos = config.linger().toNanos();
    Pending carry = null; // took it from the queue but it did not fit the previous batch
    while (!closed) {
      try {
        Pending first = carry != null ? carry : queue.poll(100, TimeUnit.MILLISECONDS);
        carry = null;
        if (first == null) {
          continue;
        }
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        long bytes = EntryCodec.BATCH_HEADER_BYTES + EntryCodec.batchOverhead(first.rawTx());
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < config.maxTxs()) {
          Pending next = queue.poll();
          if (next == null) {
            long wait = deadline - System.nanoTime();
            next = wait <= 0 ? null : queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == null) {
              break;
            }
          }
          if (bytes + EntryCodec.batchOverhead(next.rawTx()) > config.maxBytes()) {
            carry = next;
            break;
          }
          batch.add(next);
          bytes += EntryCodec.batchOverhead(next.rawTx());
        }
        send(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        LOG.error("transaction batcher loop failed", e);
      }
    }
    if (carry != null) {
      carry.done().completeExceptionally(new RejectedExecutionException("transaction batcher is closed"));
    }
    failAll(new RejectedExecutionException("transaction batcher is closed"));
  }

  private void send(List<Pending> batch) {
    List<byte[]> txs = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      txs.add(p.rawTx());
    }
    CompletableFuture<Void> sent;
    try {
      sent = sink.apply(txs);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((v, e) -> {
      for (Pending p : batch) {
        if (e == null) {
          p.done().complete(null);
        } else {
          p.done().completeExceptionally(e);
        }
      }
    });
  }

  private void failAll(Exception cause) {
    for (Pending p; (p = queue.poll()) != null; ) {
      p.done().completeExceptionally(cause);
    }
  }

  /** Stops assembling; queued transactions fail, batches already sent complete as they do. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failAll(new RejectedExecutionException("transaction batcher is closed"));
  }
}
