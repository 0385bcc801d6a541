package dev.raftseq.producer;

import dev.raftseq.chain.types.Address;
import java.time.Duration;
import java.util.Objects;

/**
 * How blocks are produced. The block gas limit is not among them: it is the chain's, fixed at
 * genesis (every block repeats its parent's, which the importer checks).
 *
 * @param blockTime a block is sealed this long after the previous one (if there is anything to
 *     put in it, or empty blocks are on); sooner when pending transactions fill a block
 * @param maxTransactionsInBlock at most this many transactions per block
 * @param produceEmptyBlocks seal blocks without transactions every block time
 * @param coinbase receives the fees
 * @param chainId the chain's EIP-155 id, for the block context
 */
public record ProducerConfig(
    Duration blockTime,
    int maxTransactionsInBlock,
    boolean produceEmptyBlocks,
    Address coinbase,
    long chainId) {

  /** 250 ms blocks of at most 1,000 transactions, no empty blocks. */
  public static ProducerConfig defaults(Address coinbase, long chainId) {
    return new ProducerConfig(Duration.ofMillis(250), 1_000, false, coinbase, chainId);
  }

  public ProducerConfig {
    Objects.requireNonNull(blockTime, "blockTime");
    Objects.requireNonNull(coinbase, "coinbase");
    if (blockTime.toMillis() <= 0) {
      throw new IllegalArgumentException("blockTime must be at least 1 ms: " + blockTime);
    }
    if (maxTransactionsInBlock <= 0) {
      throw new IllegalArgumentException("maxTransactionsInBlock must be positive: " + maxTransactionsInBlock);
    }
  }

  public long blockTimeMillis() {
    return blockTime.toMillis();
  }

  public ProducerConfig withEmptyBlocks(boolean on) {
    return new ProducerConfig(blockTime, maxTransactionsInBlock, on, coinbase, chainId);
  }
}
