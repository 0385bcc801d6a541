package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;

/** The environment a block's transactions execute in. Header timestamp = timestampMillis / 1000. */
public record BlockContext(
    long chainId,
    long number,
    Hash parentHash,
    long timestampMillis,
    Address coinbase,
    long gasLimit,
    Wei baseFee) {

  /**
   * The context of the block after {@code parent}, as {@link BlockImporter} requires it: next
   * number, the parent's gas limit (fixed on this chain), {@link BaseFee#next} and a timestamp
   * not before the parent's ({@code nowMillis} is raised to the parent's time if the clock is
   * behind it).
   */
  public static BlockContext childOf(long chainId, Block parent, long nowMillis, Address coinbase) {
    return new BlockContext(
        chainId,
        parent.number() + 1,
        parent.hash(),
        Math.max(nowMillis, Seals.millis(parent.header())),
        coinbase,
        parent.header().gasLimit(),
        BaseFee.next(parent.header()));
  }

  /** The context a sealed block's transactions executed in (as {@link BlockImporter} rebuilds it). */
  public static BlockContext of(long chainId, dev.raftseq.chain.types.Header h) {
    return new BlockContext(chainId, h.number(), h.parentHash(), Seals.hasSealLayout(h) ? Seals.millis(h)
        : h.timestamp() * 1000, h.coinbase(), h.gasLimit(), h.baseFeePerGas());
  }

  public long timestampSeconds() {
    return timestampMillis / 1000;
  }
}
