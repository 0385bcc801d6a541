package dev.raftseq.producer.mempool;

import dev.raftseq.chain.types.Wei;
import java.util.Objects;

/**
 * Limits and admission rules of the committed set. Every node applies them to the same log, so
 * they decide identically everywhere; a limit is checked before a transaction is acknowledged and
 * never used to drop one that was.
 *
 * @param chainId transactions must carry this chain id (EIP-155 / typed)
 * @param blockGasLimit a transaction with a larger gas limit can never be included
 * @param maxTransactions total transactions held (pending and queued); when full, new ones are
 *     refused with geth's "txpool is full"
 * @param maxPerSender transactions held for one sender (pending and queued)
 * @param maxQueuedPerSender transactions held for one sender behind a nonce gap; bounds what a
 *     sender can pin with transactions that cannot execute yet
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
    Wei minTip,
    Wei minFeeCap,
    int priceBumpPercent) {

  /**
   * 100,000 transactions in total (about 100 MB of heap; at 4,000 transfers per second that is 25 s
   * of backlog); 1,024 per sender; 64 queued per sender (geth's AccountQueue); minimum tip and fee
   * cap 0: a rollup has one sequencer, no auction for inclusion, and the base fee already prices
   * gas; 10 % replacement bump (geth).
   */
  public static MempoolConfig defaults(long chainId, long blockGasLimit) {
    return new MempoolConfig(chainId, blockGasLimit, 100_000, 1_024, 64, Wei.ZERO, Wei.ZERO, 10);
  }

  public MempoolConfig {
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
    if (priceBumpPercent < 0) {
      throw new IllegalArgumentException("priceBumpPercent must not be negative: " + priceBumpPercent);
    }
  }

  public MempoolConfig withLimits(int total, int perSender, int queuedPerSender) {
    return new MempoolConfig(
        chainId, blockGasLimit, total, perSender, queuedPerSender, minTip, minFeeCap, priceBumpPercent);
  }

  public MempoolConfig withMinimumPrices(Wei newMinTip, Wei newMinFeeCap) {
    return new MempoolConfig(
        chainId, blockGasLimit, maxTransactions, maxPerSender, maxQueuedPerSender, newMinTip, newMinFeeCap,
        priceBumpPercent);
  }
}
