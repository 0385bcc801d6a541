package dev.raftseq.batcher.batch;

import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Follows the applied chain and seals batches: reads blocks after the last sealed batch from the
 * chain database, feeds them to a {@link BatchSealer} and stores each sealed batch in the
 * {@link BatchIndex} before reporting it. Runs on every consensus node (each attests the batches it
 * seals), not only on the batcher node.
 *
 * <p>{@link #poll} is called from one thread; the read methods may be called from any.
 */
public final class BatchTracker {
  private final ChainReader chain;
  private final BatchIndex index;
  private final Batch genesis;
  private final BatchSealer sealer;
  private volatile Batch lastSealed;
  private volatile OptionalLong deadline = OptionalLong.empty();
  /** The index's last batch while the chain has not yet applied its last block; checked in {@link #poll}. */
  private volatile Batch unverified;

  /**
   * @throws IllegalStateException if the index holds batches this chain does not have (another
   *     chain's or a wiped database's index). An index ahead of the chain is accepted: each batch is
   *     synced when sealed, the blocks of a consensus node's chain database are not (they are in the
   *     synced Raft log), so after a power cut the chain replays up to the index; its last block is
   *     checked once the chain has it.
   */
  public BatchTracker(ChainReader chain, BatchLimits limits, BatchIndex index) {
    this.chain = chain;
    this.index = index;
    Block block0 = chain.blockByNumber(0).orElseThrow(() -> new IllegalStateException("the chain has no genesis block"));
    this.genesis = Batch.genesis(chain.chainId(), BlockSummary.of(block0));
    Batch last = index.last().orElse(genesis);
    if (last.number() > 0) {
      Batch first = index.get(1).orElseThrow();
      if (!first.prevCommitment().equals(genesis.commitment()) || first.l2ChainId() != chain.chainId()) {
        throw new IllegalStateException("the batch index was made for another genesis or chain id");
      }
      if (last.lastBlock() > chain.head().number()) {
        unverified = last;
      } else {
        checkEnd(last);
      }
    }
    this.sealer = new BatchSealer(limits, last);
    this.lastSealed = last;
  }

  /**
   * Feeds up to {@code maxBlocks} applied blocks and returns the batches they sealed, already
   * stored in the index.
   */
  public List<Batch> poll(int maxBlocks) {
    long head = chain.head().number();
    if (unverified != null) {
      if (head < unverified.lastBlock()) {
        return List.of(); // still replaying up to the index
      }
      checkEnd(unverified);
      unverified = null;
    }
    List<Batch> sealed = new ArrayList<>();
    for (int i = 0; i < maxBlocks && sealer.nextBlock() <= head; i++) {
      long n = sealer.nextBlock();
      Block b = chain.blockByNumber(n).orElseThrow(() -> new IllegalStateException("applied block " + n + " is missing"));
      for (Batch batch : sealer.add(BlockSummary.of(b))) {
        index.append(batch);
        lastSealed = batch;
        sealed.add(batch);
      }
    }
    deadline = sealer.openBatchDeadlineMillis();
    return sealed;
  }

  private void checkEnd(Batch last) {
    Optional<Block> lastBlock = chain.blockByNumber(last.lastBlock());
    if (lastBlock.isEmpty() || !lastBlock.get().hash().equals(last.lastBlockHash())) {
      throw new IllegalStateException("batch " + last.number() + " ends at block " + last.lastBlock() + " "
          + last.lastBlockHash() + ", which this chain does not have");
    }
  }

  /** Batch {@code number}: 0 is genesis, others come from the index. */
  public Optional<Batch> batch(long number) {
    return number == 0 ? Optional.of(genesis) : index.get(number);
  }

  public Batch genesis() {
    return genesis;
  }

  public Batch lastSealed() {
    return lastSealed;
  }

  /** See {@link BatchSealer#openBatchDeadlineMillis}. */
  public OptionalLong openBatchDeadlineMillis() {
    return deadline;
  }
}
