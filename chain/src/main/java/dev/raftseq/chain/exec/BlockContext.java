package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.Address;
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

  public long timestampSeconds() {
    return timestampMillis / 1000;
  }
}
