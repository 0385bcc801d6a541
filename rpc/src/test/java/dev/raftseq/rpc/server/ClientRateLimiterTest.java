package dev.raftseq.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000);

  @Test
  void aBurstThenTheRate() {
    ClientRateLimiter l = new ClientRateLimiter(2, 3, now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(l.tryAcquire("a")).isTrue();
    }
    assertThat(l.tryAcquire("a")).isFalse();

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(499));
    assertThat(l.tryAcquire("a")).isFalse();
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
    assertThat(l.tryAcquire("a")).isTrue();
    assertThat(l.tryAcquire("a")).isFalse();
  }

  @Test
  void clientsHaveBucketsOfTheirOwn() {
    ClientRateLimiter l = new ClientRateLimiter(1, 1, now::get);
    assertThat(l.tryAcquire("a")).isTrue();
    assertThat(l.tryAcquire("a")).isFalse();
    assertThat(l.tryAcquire("b")).isTrue();
  }

  @Test
  void aQuietClientNeverSavesUpMoreThanItsBurst() {
    ClientRateLimiter l = new ClientRateLimiter(10, 2, now::get);
    l.tryAcquire("a");
    now.addAndGet(TimeUnit.HOURS.toNanos(1));
    assertThat(l.tryAcquire("a")).isTrue();
    assertThat(l.tryAcquire("a")).isTrue();
    assertThat(l.tryAcquire("a")).isFalse();
  }

  @Test
  void clientsThatWentQuietAreForgotten() {
    ClientRateLimiter l = new ClientRateLimiter(1000, 5, now::get);
    for (int i = 0; i < ClientRateLimiter.SWEEP_AT; i++) {
      l.tryAcquire("c" + i);
    }
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));

    l.tryAcquire("new");

    assertThat(l.trackedClients()).isEqualTo(1);
  }
}
