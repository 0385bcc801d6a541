package dev.raftseq.systest.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces requests evenly at a target rate across all client threads. After a stall (every client
 * blocked on a paused node) it does not fire the missed slots in a burst.
 */
final class RatePacer {
  private final long intervalNanos;
  private long next = System.nanoTime();

  RatePacer(double perSecond) {
    this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
  }

  void acquire() {
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      if (next < now - TimeUnit.SECONDS.toNanos(1)) {
        next = now;
      }
      slot = next;
      next += intervalNanos;
    }
    long wait;
    while ((wait = slot - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
    }
  }
}
