package dev.raftseq.p2p.sync;

import java.time.Duration;

/**
 * Bounds of the zks protocol on this node.
 *
 * @param maxResponseBytes a Blocks answer stops adding blocks past this many bytes (it carries at
 *     least one block); keep it well under the p2p message limit
 * @param maxUnincludedBytes the same for UnincludedTxs
 * @param requestTimeout a request unanswered for this long fails
 */
public record ZksLimits(int maxResponseBytes, long maxUnincludedBytes, Duration requestTimeout) {
  public static final ZksLimits DEFAULT = new ZksLimits(2 << 20, 4 << 20, Duration.ofSeconds(10));

  public ZksLimits {
    if (maxResponseBytes < 1024 || maxUnincludedBytes < 1024) {
      throw new IllegalArgumentException("zks response limits must be at least 1 KiB");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive");
    }
  }
}
