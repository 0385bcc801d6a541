package dev.raftseq.batcher.batch;

import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Groups consecutive applied blocks into batches under {@link BatchLimits}. Pure and
 * deterministic: the batches depend only on the blocks fed in and the limits, so every node that
 * feeds the same chain from the same last batch seals the same batches with the same commitments.
 *
 * <p>Not thread-safe; one owner feeds it blocks in order.
 */
public final class BatchSealer {
  private final BatchLimits limits;
  private Batch lastSealed;
  private final List<BlockSummary> open = new ArrayList<>();
  private long openTransactions;
  private long openGas;

  /** @param lastSealed the batch the next one follows (batch 0 for a new chain) */
  public BatchSealer(BatchLimits limits, Batch lastSealed) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.lastSealed = Objects.requireNonNull(lastSealed, "lastSealed");
  }

  /** The number of the next block {@link #add} accepts. */
  public long nextBlock() {
    return lastSealed.lastBlock() + 1 + open.size();
  }

  public Batch lastSealed() {
    return lastSealed;
  }

  /** Blocks added but not yet sealed into a batch. */
  public int openBlocks() {
    return open.size();
  }

  /**
   * Block time at which the open batch becomes due: the first block at or after it seals the batch.
   * Empty when no batch is open. A producer that makes no empty blocks may use it to make one, so
   * the tail of the chain does not wait for traffic to be settled.
   */
  public OptionalLong openBatchDeadlineMillis() {
    return open.isEmpty() ? OptionalLong.empty() : OptionalLong.of(open.get(0).timestampMillis() + limits.timeoutMillis());
  }

  /**
   * Adds the next block and returns the batches this seals (none, one, or two when the block both
   * closes the open batch and fills a batch by itself).
   *
   * @throws IllegalArgumentException if the block is not the next one or does not extend the last
   *     block added (parent hash)
   */
  public List<Batch> add(BlockSummary block) {
    if (block.number() != nextBlock()) {
      throw new IllegalArgumentException("expected block " + nextBlock() + ", got " + block.number());
    }
    Hash parent = open.isEmpty() ? lastSealed.lastBlockHash() : open.get(open.size() - 1).hash();
    if (!block.parentHash().equals(parent)) {
      throw new IllegalArgumentException("block " + block.number() + " has parent " + block.parentHash()
          + ", but block " + (block.number() - 1) + " is " + parent);
    }
    List<Batch> sealed = new ArrayList<>(2);
    if (!open.isEmpty() && wouldOverflow(block)) {
      sealed.add(seal());
    }
    open.add(block);
    openTransactions += block.transactionCount();
    openGas += block.gasUsed();
    if (isFull() || block.timestampMillis() - open.get(0).timestampMillis() >= limits.timeoutMillis()) {
      sealed.add(seal());
    }
    return sealed;
  }

  private boolean wouldOverflow(BlockSummary block) {
    return open.size() + 1 > limits.maxBlocks()
        || openTransactions + block.transactionCount() > limits.maxTransactions()
        || openGas + block.gasUsed() > limits.maxGas();
  }

  private boolean isFull() {
    return open.size() >= limits.maxBlocks()
        || openTransactions >= limits.maxTransactions()
        || openGas >= limits.maxGas();
  }

  private Batch seal() {
    BlockSummary first = open.get(0);
    BlockSummary last = open.get(open.size() - 1);
    Batch b = Batch.of(
        lastSealed.l2ChainId(),
        lastSealed.number() + 1,
        first.number(),
        lastSealed.newStateRoot(),
        last.stateRoot(),
        lastSealed.commitment(),
        open.stream().map(BlockSummary::hash).toList(),
        openTransactions,
        openGas,
        first.timestampMillis(),
        last.timestampMillis());
    lastSealed = b;
    open.clear();
    openTransactions = 0;
    openGas = 0;
    return b;
  }
}
