package dev.raftseq.rpc.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads JSON-RPC methods run on (they may block on database reads). The queue is bounded
 * so a flood of requests is refused ("server busy") instead of exhausting memory.
 */
public final class WorkerPool implements Executor, AutoCloseable {
  static final int QUEUE_CAPACITY = 100_000;

  private final ThreadPoolExecutor executor;

  public WorkerPool(String name, int threads) {
    AtomicInteger counter = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            r -> {
              Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** @throws RejectedExecutionException when the queue is full or the pool is closed */
  @Override
  public void execute(Runnable task) {
    executor.execute(task);
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
