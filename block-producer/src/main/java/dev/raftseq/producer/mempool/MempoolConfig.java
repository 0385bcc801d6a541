package dev.raftseq.producer.mempool;

import dev.raftseq.chain.types.Wei;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and admission rules of the mempool.
 *
 * @param chainId transactions must carry this chain id (EIP-155 / typed)
 * @param blockGasLimit a transaction with a larger gas limit can never be included
 * @param maxTransactions total transactions held (pending and queued); a full pool evicts its
 *     cheapest transaction for a better-paying one
 * @param maxPerSender transactions held for one sender (pending and queued)
 * @param maxQueuedPerSender transactions held for one sender behind a nonce gap; bounds the
 *     memory a sender can pin with transactions that cannot execute
 * @param lifetime a transaction still in the pool this long after it arrived is dropped
 * @param minTip the smallest max priority fee admitted
 * @param minFeeCap the smallest max fee per gas admitted
 * @param priceBumpPercent how much a replacement must raise both fee cap and tip
 */
public record MempoolConfig(
    long chainId,
    long blockGasLimit,
    int maxTransactions,
    int maxPerSender,
    int maxQueuedPerSender,
    Duration lifetime,
    Wei minTip,
    Wei minFeeCap,
    int priceBumpPercent) {

  /**
   * 20,000 transactions in total (about 20 MB; at 1,000 transactions per 250 ms block that is 5 s
   * of backlog); 1,024 per sender so a load generator with a few accounts is not throttled by the
   * pool; 64 queued per sender (geth's AccountQueue); 3 h lifetime (geth); minimum tip and fee cap
   * 0: a rollup has one sequencer, no auction for inclusion, and the base fee already prices gas;
   * 10 % replacement bump (geth).
   */
  public static MempoolConfig defaults(long chainId, long blockGasLimit) {
    return new MempoolConfig(
        chainId, blockGasLimit, 20_000, 1_024, 64, Duration.ofHours(3), Wei.ZERO, Wei.ZERO, 10);
  }

  public MempoolConfig {
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(minTip, "minTip");
    Objects.requireNonNull(minFeeCap, "minFeeCap");
    if (blockGasLimit <= 0) {
      throw new IllegalArgumentException("blockGasLimit must be positive: " + blockGasLimit);
    }
    if (maxTransactions <= 0 || maxPerSender <= 0 || maxQueuedPerSender < 0) {
      throw new IllegalArgumentException(
          "limits must be positive: total " + maxTransactions + ", per sender " + maxPerSender
              + ", queued per sender " + maxQueuedPerSender);
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
    }
    if (priceBumpPercent < 0) {
      throw new IllegalArgumentException("priceBumpPercent must not be negative: " + priceBumpPercent);
    }
  }

  public MempoolConfig withLimits(int total, int perSender, int queuedPerSender) {
    return new MempoolConfig(
        chainId, blockGasLimit, total, perSender, queuedPerSender, lifetime, minTip, minFeeCap,
        priceBumpPercent);
  }

  public MempoolConfig withLifetime(Duration newLifetime) {
    return new MempoolConfig(
        chainId, blockGasLimit, maxTransactions, maxPerSender, maxQueuedPerSender, newLifetime,
        minTip, minFeeCap, priceBumpPercent);
  }

  public MempoolConfig withMinimumPrices(Wei newMinTip, Wei newMinFeeCap) {
    return new MempoolConfig(
        chainId, blockGasLimit, maxTransactions, maxPerSender, maxQueuedPerSender, lifetime,
        newMinTip, newMinFeeCap, priceBumpPercent);
  }
}
