package dev.raftseq.producer.testing;

import java.time.Instant;
import java.time.InstantSource;

/** A clock the test moves by hand. */
public final class ManualClock implements InstantSource {
  private long millis;

  public ManualClock(long millis) {
    this.millis = millis;
  }

  public void set(long newMillis) {
    millis = newMillis;
  }

  public void advance(long deltaMillis) {
    millis += deltaMillis;
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }
}
