package dev.raftseq.node.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; the only way tests here wait. */
final class Poll {
  private Poll() {}

  static void until(Duration timeout, String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.get())) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    AssertionError e = new AssertionError("timed out after " + timeout + " waiting for " + what);
    if (last != null) {
      e.initCause(last);
    }
    throw e;
  }

  static <T> T value(Duration timeout, String what, Supplier<T> supplier) {
    Object[] box = new Object[1];
    until(timeout, what, () -> {
      T v = supplier.get();
      box[0] = v;
      return v != null;
    });
    @SuppressWarnings("unchecked")
    T v = (T) box[0];
    return v;
  }
}
