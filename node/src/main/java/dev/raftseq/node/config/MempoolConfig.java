package dev.raftseq.node.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code mempool.*}.
 *
 * @param maxTransactions most transactions held in total
 * @param maxPerSender most transactions held for one sender
 * @param lifetime a transaction not included within this time is dropped
 */
public record MempoolConfig(int maxTransactions, int maxPerSender, Duration lifetime) {
  public MempoolConfig {
    Objects.requireNonNull(lifetime, "lifetime");
  }

  static MempoolConfig read(SettingReader r) {
    return new MempoolConfig(
        r.intValue("mempool.max_transactions", 1, Integer.MAX_VALUE),
        r.intValue("mempool.max_per_sender", 1, Integer.MAX_VALUE),
        r.duration("mempool.lifetime", Duration.ofSeconds(1)));
  }
}
