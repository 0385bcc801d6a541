package dev.raftseq.batcher.batch;

import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import java.util.Objects;

/**
 * What batching needs of one applied block. Everything here is in the sealed block, so every node
 * derives the same summary from the same chain.
 *
 * @param timestampMillis the block's time in milliseconds: the sealer's timestamp from the seal's
 *     vanity when the header is sealed, else the header timestamp (whole seconds) * 1000
 */
public record BlockSummary(
    long number, Hash hash, Hash parentHash, Hash stateRoot, long timestampMillis, long gasUsed, int transactionCount) {
  public BlockSummary {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(parentHash, "parentHash");
    Objects.requireNonNull(stateRoot, "stateRoot");
    if (number < 0 || gasUsed < 0 || transactionCount < 0) {
      throw new IllegalArgumentException("negative block number, gas or transaction count");
    }
  }

  public static BlockSummary of(Block block) {
    Header h = block.header();
    return new BlockSummary(
        h.number(), block.hash(), h.parentHash(), h.stateRoot(), millis(h), h.gasUsed(), block.transactions().size());
  }

  private static long millis(Header h) {
    return h.extraData().length == SealFields.SEALED_EXTRA_BYTES ? SealFields.timestampMillis(h) : h.timestamp() * 1000;
  }
}
