package dev.raftseq.producer;

import dev.raftseq.producer.consensus.EntryResult;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that drives a {@link ProductionLoop}: tick, then wait for the delay the tick
 * asked for or until {@link #wakeUp()} (a new transaction, an applied block, a leadership change;
 * the in-flight block resolving wakes it by itself). Runs on every node; the loop's gate decides
 * whether anything is produced.
 */
public final class ProductionService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProductionService.class);
  /** Wait after an unexpected error in a tick, so a persistent fault does not spin. */
  private static final long ERROR_BACKOFF_MILLIS = 1_000;
  private static final long STOP_TIMEOUT_MILLIS = 10_000;

  private enum State { IDLE, RUNNING, STOPPED }

  /** What the loop was doing after its last tick, readable from any thread. */
  public record Status(boolean producing, boolean blockInFlight, long blocksSubmitted, long blocksApplied) {}

  private final String nodeTag;
  private final ProductionLoop loop;
  private final InstantSource clock;
  private final AtomicReference<State> state = new AtomicReference<>(State.IDLE);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private boolean woken;
  private volatile Status status = new Status(false, false, 0, 0);
  private volatile long ticks;
  private volatile Thread thread;
  private CompletableFuture<EntryResult> watched;

  public ProductionService(String nodeTag, ProductionLoop loop, InstantSource clock) {
    this.nodeTag = nodeTag;
    this.loop = loop;
    this.clock = clock;
  }

  public void start() {
    if (!state.compareAndSet(State.IDLE, State.RUNNING)) {
      throw new IllegalStateException("production service already " + state.get());
    }
    thread = new Thread(this::run, "block-producer-" + nodeTag);
    thread.setDaemon(true);
    thread.start();
    LOG.info("[{}] block production service started", nodeTag);
  }

  /** Makes the loop tick now instead of at the end of its current wait. */
  public void wakeUp() {
    lock.lock();
    try {
      woken = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stops the thread after its current tick; an in-flight block resolves without it. */
  public void stop() {
    if (state.getAndSet(State.STOPPED) != State.RUNNING) {
      return;
    }
    wakeUp();
    try {
      thread.join(STOP_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("[{}] block production thread did not stop within {} ms", nodeTag, STOP_TIMEOUT_MILLIS);
    } else {
      LOG.info("[{}] block production service stopped", nodeTag);
    }
  }

  @Override
  public void close() {
    stop();
  }

  public Status status() {
    return status;
  }

  /** Whether the driving thread is alive. */
  public boolean isRunning() {
    Thread t = thread;
    return t != null && t.isAlive();
  }

  /** Ticks run so far (for tests and metrics). */
  public long ticks() {
    return ticks;
  }

  private void run() {
    while (state.get() == State.RUNNING) {
      long delay;
      try {
        delay = loop.tick(clock.millis());
        watchInFlight();
      } catch (RuntimeException e) {
        LOG.error("[{}] block production tick failed; retrying in {} ms", nodeTag, ERROR_BACKOFF_MILLIS, e);
        delay = ERROR_BACKOFF_MILLIS;
      }
      status = new Status(loop.producing(), loop.blockInFlight(), loop.blocksSubmitted(), loop.blocksApplied());
      ticks++;
      await(delay);
    }
  }

  private void watchInFlight() {
    CompletableFuture<EntryResult> outcome = loop.inFlightOutcome();
    if (outcome != null && outcome != watched) {
      watched = outcome;
      outcome.whenComplete((o, e) -> wakeUp());
    }
  }

  private void await(long delayMillis) {
    lock.lock();
    try {
      if (!woken && delayMillis > 0 && state.get() == State.RUNNING) {
        wake.await(delayMillis, TimeUnit.MILLISECONDS);
      }
      woken = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state.set(State.STOPPED);
    } finally {
      lock.unlock();
    }
  }
}
