package dev.raftseq.batcher.batch;

import dev.raftseq.chain.types.Hash;
import java.util.List;
import java.util.Objects;

/**
 * A sealed batch: L2 blocks {@code firstBlock..lastBlock}, contiguous with batch {@code number - 1}.
 * Batch 0 is the genesis block alone. {@link #commitment} is {@link BatchCommitment#of} of the other
 * fields; the constructor checks it, so a Batch is always self-consistent.
 *
 * @param blockHashes the hashes of the batch's blocks, in order (their count is the block count)
 * @param transactionCount and {@code gasUsed}: totals over the batch's blocks
 * @param firstTimestampMillis and {@code lastTimestampMillis}: the first and last block's time
 */
public record Batch(
    long l2ChainId,
    long number,
    long firstBlock,
    long lastBlock,
    Hash prevStateRoot,
    Hash newStateRoot,
    Hash blocksHash,
    Hash prevCommitment,
    Hash commitment,
    List<Hash> blockHashes,
    long transactionCount,
    long gasUsed,
    long firstTimestampMillis,
    long lastTimestampMillis) {
  public Batch {
    Objects.requireNonNull(prevStateRoot, "prevStateRoot");
    Objects.requireNonNull(newStateRoot, "newStateRoot");
    Objects.requireNonNull(prevCommitment, "prevCommitment");
    blockHashes = List.copyOf(blockHashes);
    if (number < 0 || firstBlock < 0 || lastBlock < firstBlock) {
      throw new IllegalArgumentException("bad batch " + number + " blocks " + firstBlock + ".." + lastBlock);
    }
    if (blockHashes.size() != lastBlock - firstBlock + 1) {
      throw new IllegalArgumentException("batch " + number + ": " + blockHashes.size() + " block hashes for blocks "
          + firstBlock + ".." + lastBlock);
    }
    if (!BatchCommitment.blocksHash(blockHashes).equals(blocksHash)) {
      throw new IllegalArgumentException("batch " + number + ": blocksHash does not match its block hashes");
    }
    Hash expected = BatchCommitment.of(
        l2ChainId, number, firstBlock, lastBlock, prevStateRoot, newStateRoot, blocksHash, prevCommitment);
    if (!expected.equals(commitment)) {
      throw new IllegalArgumentException("batch " + number + ": commitment " + commitment + " != " + expected);
    }
  }

  /** Builds a batch, computing blocksHash and the commitment. */
  public static Batch of(
      long l2ChainId,
      long number,
      long firstBlock,
      Hash prevStateRoot,
      Hash newStateRoot,
      Hash prevCommitment,
      List<Hash> blockHashes,
      long transactionCount,
      long gasUsed,
      long firstTimestampMillis,
      long lastTimestampMillis) {
    long lastBlock = firstBlock + blockHashes.size() - 1;
    Hash blocksHash = BatchCommitment.blocksHash(blockHashes);
    Hash commitment = BatchCommitment.of(
        l2ChainId, number, firstBlock, lastBlock, prevStateRoot, newStateRoot, blocksHash, prevCommitment);
    return new Batch(l2ChainId, number, firstBlock, lastBlock, prevStateRoot, newStateRoot, blocksHash, prevCommitment,
        commitment, blockHashes, transactionCount, gasUsed, firstTimestampMillis, lastTimestampMillis);
  }

  /** Batch 0: the genesis block alone. */
  public static Batch genesis(long l2ChainId, BlockSummary genesis) {
    if (genesis.number() != 0) {
      throw new IllegalArgumentException("genesis is block 0, got " + genesis.number());
    }
    return of(l2ChainId, 0, 0, Hash.ZERO, genesis.stateRoot(), Hash.ZERO, List.of(genesis.hash()), 0, 0,
        genesis.timestampMillis(), genesis.timestampMillis());
  }

  public int blockCount() {
    return blockHashes.size();
  }

  public Hash lastBlockHash() {
    return blockHashes.get(blockHashes.size() - 1);
  }
}
