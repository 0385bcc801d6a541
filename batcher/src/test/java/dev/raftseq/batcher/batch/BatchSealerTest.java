package dev.raftseq.batcher.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.Hash;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSealerTest {
  static final BatchLimits ROOMY = new BatchLimits(100, 1_000_000, Long.MAX_VALUE, 1_000_000);

  static long[] blk(long txs, long gas, long dtMillis) {
    return new long[] {txs, gas, dtMillis};
  }

  @Test
  void sealsWhenTheBlockCountLimitIsReached() {
    List<BlockSummary> blocks = Blocks.after(Blocks.genesis(), List.of(blk(1, 21000, 250), blk(0, 0, 250),
        blk(2, 42000, 250), blk(1, 21000, 250), blk(0, 0, 250)));
    List<Batch> batches = Blocks.sealAll(new BatchLimits(2, 1000, 1_000_000_000, 60_000), Blocks.genesisBatch(), blocks);
    assertThat(batches).extracting(Batch::firstBlock, Batch::lastBlock)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 2L), org.assertj.core.groups.Tuple.tuple(3L, 4L));
    assertThat(batches.get(1).transactionCount()).isEqualTo(3);
    assertThat(batches.get(1).gasUsed()).isEqualTo(63000);
  }

  @Test
  void aBlockThatWouldOverflowTheTransactionLimitStartsTheNextBatch() {
    List<BlockSummary> blocks = Blocks.after(Blocks.genesis(), List.of(blk(3, 0, 1), blk(3, 0, 1), blk(4, 0, 1)));
    BatchSealer s = new BatchSealer(new BatchLimits(100, 5, Long.MAX_VALUE, 60_000), Blocks.genesisBatch());
    assertThat(s.add(blocks.get(0))).isEmpty();
    List<Batch> sealed = s.add(blocks.get(1));
    assertThat(sealed).singleElement().satisfies(b -> {
      assertThat(b.firstBlock()).isEqualTo(1);
      assertThat(b.lastBlock()).isEqualTo(1);
    });
    // block 3 would make 7 > 5: block 2 is sealed alone
    assertThat(s.add(blocks.get(2))).singleElement().satisfies(b -> assertThat(b.lastBlock()).isEqualTo(2));
    assertThat(s.openBlocks()).isEqualTo(1);
  }

  @Test
  void aSingleBlockOverALimitFormsABatchOfItsOwn() {
    List<BlockSummary> blocks = Blocks.after(Blocks.genesis(), List.of(blk(1, 10, 1), blk(9, 500, 1)));
    BatchSealer s = new BatchSealer(new BatchLimits(100, 5, 100, 60_000), Blocks.genesisBatch());
    assertThat(s.add(blocks.get(0))).isEmpty();
    List<Batch> sealed = s.add(blocks.get(1));
    assertThat(sealed).extracting(Batch::firstBlock, Batch::lastBlock)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 1L), org.assertj.core.groups.Tuple.tuple(2L, 2L));
    assertThat(s.openBlocks()).isZero();
  }

  @Test
  void gasLimitSealsOnReachingIt() {
    List<BlockSummary> blocks = Blocks.after(Blocks.genesis(), List.of(blk(1, 60, 1), blk(1, 40, 1), blk(1, 1, 1)));
    List<Batch> batches = Blocks.sealAll(new BatchLimits(100, 100, 100, 60_000), Blocks.genesisBatch(), blocks);
    assertThat(batches).singleElement().satisfies(b -> assertThat(b.lastBlock()).isEqualTo(2));
  }

  @Test
  void ageIsMeasuredInBlockTimestampsFromTheBatchsFirstBlock() {
    // 1 s timeout; blocks every 400 ms: the third block (800 ms after the first) does not seal,
    // the fourth (1200 ms) does and is included
    List<BlockSummary> blocks = Blocks.after(Blocks.genesis(),
        List.of(blk(1, 1, 400), blk(0, 0, 400), blk(0, 0, 400), blk(0, 0, 400), blk(0, 0, 5000)));
    BatchSealer s = new BatchSealer(new BatchLimits(100, 100, 1_000_000, 1000), Blocks.genesisBatch());
    assertThat(s.openBatchDeadlineMillis()).isEmpty();
    assertThat(s.add(blocks.get(0))).isEmpty();
    assertThat(s.openBatchDeadlineMillis()).hasValue(blocks.get(0).timestampMillis() + 1000);
    assertThat(s.add(blocks.get(1))).isEmpty();
    assertThat(s.add(blocks.get(2))).isEmpty();
    assertThat(s.add(blocks.get(3))).singleElement().satisfies(b -> {
      assertThat(b.firstBlock()).isEqualTo(1);
      assertThat(b.lastBlock()).isEqualTo(4);
      assertThat(b.lastTimestampMillis() - b.firstTimestampMillis()).isEqualTo(1200);
    });
    // a block long after the last one opens a batch and seals it at once
    assertThat(s.add(blocks.get(4))).isEmpty();
    assertThat(s.openBlocks()).isEqualTo(1);
  }

  @Test
  void batchesChainTheirCommitmentsAndStateRoots() {
    List<BlockSummary> blocks = Blocks.after(Blocks.genesis(), List.of(blk(1, 1, 1), blk(1, 1, 1), blk(1, 1, 1)));
    List<Batch> batches = Blocks.sealAll(new BatchLimits(1, 100, 1000, 60_000), Blocks.genesisBatch(), blocks);
    assertThat(batches).hasSize(3);
    Batch prev = Blocks.genesisBatch();
    for (int i = 0; i < 3; i++) {
      Batch b = batches.get(i);
      assertThat(b.number()).isEqualTo(i + 1);
      assertThat(b.prevCommitment()).isEqualTo(prev.commitment());
      assertThat(b.prevStateRoot()).isEqualTo(prev.newStateRoot());
      assertThat(b.newStateRoot()).isEqualTo(blocks.get(i).stateRoot());
      assertThat(b.blockHashes()).containsExactly(blocks.get(i).hash());
      prev = b;
    }
  }

  @Test
  void refusesBlocksOutOfOrderOrOnAnotherParent() {
    List<BlockSummary> blocks = Blocks.after(Blocks.genesis(), List.of(blk(1, 1, 1), blk(1, 1, 1)));
    BatchSealer s = new BatchSealer(ROOMY, Blocks.genesisBatch());
    assertThatThrownBy(() -> s.add(blocks.get(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected block 1, got 2");
    BlockSummary b1 = blocks.get(0);
    BlockSummary forked = new BlockSummary(1, b1.hash(), Hash.ZERO, b1.stateRoot(), b1.timestampMillis(), 1, 1);
    assertThatThrownBy(() -> s.add(forked)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parent");
    assertThat(s.add(b1)).isEmpty();
    assertThat(s.nextBlock()).isEqualTo(2);
  }

  @Test
  void limitsMustBePositive() {
    assertThatThrownBy(() -> new BatchLimits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchLimits(1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
