package dev.raftseq.rpc.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code perSecond} requests a second on average, at most
 * {@code burst} at once. Buckets of clients that went quiet are forgotten, so the map stays
 * bounded by the clients of the last few seconds.
 */
public final class ClientRateLimiter {
  /** Sweep forgotten clients once the map holds this many. */
  static final int SWEEP_AT = 10_000;

  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public ClientRateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate must be positive and burst at least 1");
    }
    this.perNano = perSecond / TimeUnit.SECONDS.toNanos(1);
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  /** Takes one token from {@code client}'s bucket; false when it has none left. */
  public boolean tryAcquire(String client) {
    long now = nanoTime.getAsLong();
    if (buckets.size() >= SWEEP_AT) {
      sweep(now);
    }
    Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
    synchronized (b) {
      b.refill(now);
      if (b.tokens < 1) {
        return false;
      }
      b.tokens -= 1;
      return true;
    }
  }

  int trackedClients() {
    return buckets.size();
  }

  /** A bucket that is full again holds no memory worth keeping. */
  private void sweep(long now) {
    buckets.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        e.getValue().refill(now);
        return e.getValue().tokens >= burst;
      }
    });
  }

  private final class Bucket {
    double tokens;
    long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    void refill(long now) {
      if (now > last) {
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
      }
    }
  }
}
