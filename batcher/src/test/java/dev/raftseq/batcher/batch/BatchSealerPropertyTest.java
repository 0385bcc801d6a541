package dev.raftseq.batcher.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Batching over random chains and limits: batches tile the chain without gaps or overlaps, respect
 * the limits, seal no later than the rules say, and are the same however the feeding is split
 * (a node restarting from any sealed batch seals what a node that never stopped sealed).
 */
class BatchSealerPropertyTest {

  @Provide
  Arbitrary<List<long[]>> chains() {
    Arbitrary<long[]> block = Combinators.combine(
            Arbitraries.longs().between(0, 12), Arbitraries.longs().between(0, 300_000), Arbitraries.longs().between(0, 1500))
        .as((txs, gas, dt) -> new long[] {txs, gas, dt});
    return block.list().ofMinSize(0).ofMaxSize(120);
  }

  @Provide
  Arbitrary<BatchLimits> limits() {
    return Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.longs().between(1, 40),
            Arbitraries.longs().between(1, 1_000_000), Arbitraries.longs().between(1, 5000))
        .as(BatchLimits::new);
  }

  @Property(tries = 300)
  void batchesTileTheChainAndRespectTheLimits(@ForAll("chains") List<long[]> specs, @ForAll("limits") BatchLimits limits) {
    List<BlockSummary> blocks = Blocks.after(Blocks.genesis(), specs);
    BatchSealer sealer = new BatchSealer(limits, Blocks.genesisBatch());
    List<Batch> batches = new ArrayList<>();
    for (BlockSummary b : blocks) {
      batches.addAll(sealer.add(b));
    }
    long expectedFirst = 1;
    Batch prev = Blocks.genesisBatch();
    for (Batch b : batches) {
      assertThat(b.number()).isEqualTo(prev.number() + 1);
      assertThat(b.firstBlock()).isEqualTo(expectedFirst);
      assertThat(b.prevCommitment()).isEqualTo(prev.commitment());
      List<BlockSummary> in = blocks.subList((int) b.firstBlock() - 1, (int) b.lastBlock());
      long txs = in.stream().mapToLong(BlockSummary::transactionCount).sum();
      long gas = in.stream().mapToLong(BlockSummary::gasUsed).sum();
      assertThat(b.transactionCount()).isEqualTo(txs);
      assertThat(b.gasUsed()).isEqualTo(gas);
      assertThat(b.blockHashes()).isEqualTo(in.stream().map(BlockSummary::hash).toList());
      assertThat(b.newStateRoot()).isEqualTo(in.get(in.size() - 1).stateRoot());
      assertThat(b.blockCount()).isLessThanOrEqualTo(limits.maxBlocks());
      if (b.blockCount() > 1) {
        assertThat(txs).isLessThanOrEqualTo(limits.maxTransactions());
        assertThat(gas).isLessThanOrEqualTo(limits.maxGas());
        // sealed no later than needed: every proper prefix was below every limit and younger than the timeout
        List<BlockSummary> prefix = in.subList(0, in.size() - 1);
        assertThat(prefix.size()).isLessThan(limits.maxBlocks());
        assertThat(prefix.stream().mapToLong(BlockSummary::transactionCount).sum()).isLessThan(limits.maxTransactions());
        assertThat(prefix.stream().mapToLong(BlockSummary::gasUsed).sum()).isLessThan(limits.maxGas());
        assertThat(prefix.get(prefix.size() - 1).timestampMillis() - in.get(0).timestampMillis())
            .isLessThan(limits.timeoutMillis());
      }
      expectedFirst = b.lastBlock() + 1;
      prev = b;
    }
    // what is still open is under every limit and not yet due
    List<BlockSummary> open = blocks.subList((int) expectedFirst - 1, blocks.size());
    assertThat(sealer.openBlocks()).isEqualTo(open.size());
    if (!open.isEmpty()) {
      assertThat(open.size()).isLessThan(limits.maxBlocks());
      assertThat(open.get(open.size() - 1).timestampMillis() - open.get(0).timestampMillis()).isLessThan(limits.timeoutMillis());
    }
  }

  @Property(tries = 200)
  void restartingFromAnySealedBatchSealsTheSameBatches(
      @ForAll("chains") List<long[]> specs, @ForAll("limits") BatchLimits limits, @ForAll @IntRange(min = 0, max = 1000) int pick) {
    List<BlockSummary> blocks = Blocks.after(Blocks.genesis(), specs);
    List<Batch> all = Blocks.sealAll(limits, Blocks.genesisBatch(), blocks);
    if (all.isEmpty()) {
      return;
    }
    int k = pick % all.size();
    Batch resumeFrom = all.get(k);
    List<Batch> resumed = Blocks.sealAll(limits, resumeFrom, blocks.subList((int) resumeFrom.lastBlock(), blocks.size()));
    assertThat(resumed).isEqualTo(all.subList(k + 1, all.size()));
  }

  @Property(tries = 100)
  void sameChainAndLimitsGiveTheSameCommitments(@ForAll("chains") List<long[]> specs, @ForAll("limits") BatchLimits limits) {
    List<Batch> a = Blocks.sealAll(limits, Blocks.genesisBatch(), Blocks.after(Blocks.genesis(), specs));
    List<Batch> b = Blocks.sealAll(limits, Blocks.genesisBatch(), Blocks.after(Blocks.genesis(), specs));
    assertThat(a.stream().map(Batch::commitment).toList()).isEqualTo(b.stream().map(Batch::commitment).toList());
  }
}
