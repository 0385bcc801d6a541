package dev.raftseq.producer;

import static dev.raftseq.producer.LoopHarness.BLOCK_TIME;
import static dev.raftseq.producer.LoopHarness.GENESIS_MILLIS;
import static dev.raftseq.producer.testing.Txs.addr;
import static dev.raftseq.producer.testing.Txs.tx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.exec.BaseFee;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.entry.LogEntry;
import dev.raftseq.producer.mempool.TxPoolListener;
import dev.raftseq.producer.testing.Blocks;
import dev.raftseq.producer.testing.FakeState;
import dev.raftseq.producer.testing.Txs;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The loop stepped by hand with explicit times: no threads, no sleeps. */
class ProductionLoopTest {
  private final Address a = addr(1);
  private final Address b = addr(2);
  private final LoopHarness h = LoopHarness.standard(a, b);
  private final long t0 = GENESIS_MILLIS + 10_000;

  @Test
  void doesNotProduceWithoutTheGate() throws Exception {
    h.add(tx(a, 0), tx(a, 1));
    for (long t = t0; t < t0 + 10 * BLOCK_TIME; t += 50) {
      h.tickAt(t);
    }
    assertThat(h.building.builds()).isZero();
    assertThat(h.sink.submissions()).isEmpty();
    assertThat(h.loop.producing()).isFalse();
  }

  @Test
  void producesOnceTheGateOpens() throws Exception {
    h.add(tx(a, 0));
    h.tickAt(t0);
    h.lead(3);
    h.tickAt(t0 + 1);

    assertThat(h.sink.submissions()).hasSize(1);
    Block block = h.sink.last().block();
    assertThat(block.number()).isEqualTo(1);
    assertThat(block.header().parentHash()).isEqualTo(h.chain.headBlock().hash());
    assertThat(block.transactions()).containsExactly(tx(a, 0));
    assertThat(Blocks.term(block.header())).isEqualTo(3);
    assertThat(h.loop.producing()).isTrue();
  }

  @Test
  void keepsAtMostOneBlockInFlightAndBuildsOnlyOnTheAppliedHead() throws Exception {
    h.lead(1);
    h.add(tx(a, 0));
    h.tickAt(t0);
    assertThat(h.sink.submissions()).hasSize(1);
    assertThat(h.loop.blockInFlight()).isTrue();

    h.add(tx(a, 1), tx(b, 0));
    for (long t = t0 + BLOCK_TIME; t <= t0 + 10 * BLOCK_TIME; t += BLOCK_TIME) {
      h.tickAt(t);
    }
    assertThat(h.sink.submissions()).hasSize(1);
    assertThat(h.building.builds()).isEqualTo(1);

    Block first = h.sink.last().block();
    assertThat(h.sink.commitLast()).isInstanceOf(EntryResult.BlockApplied.class);
    h.tickAt(t0 + 11 * BLOCK_TIME);

    assertThat(h.sink.submissions()).hasSize(2);
    Block second = h.sink.last().block();
    assertThat(second.header().parentHash()).isEqualTo(first.hash());
    assertThat(second.number()).isEqualTo(2);
    assertThat(second.transactions()).containsExactlyInAnyOrder(tx(a, 1), tx(b, 0));
    assertThat(h.loop.blocksApplied()).isEqualTo(1);
  }

  @Test
  void waitsUntilTheAppliedBlockIsTheLocalHead() throws Exception {
    h.lead(1);
    h.add(tx(a, 0));
    h.tickAt(t0);
    FakeSink.Submission first = h.sink.last();
    // committed, but this node's chain has not applied it yet
    first.outcome().complete(new EntryResult.BlockApplied(first.block().number(), first.block().hash()));
    h.add(tx(a, 1));
    h.tickAt(t0 + 5 * BLOCK_TIME);
    assertThat(h.building.builds()).isEqualTo(1);

    h.chain.apply(first.block(), h.building.stateAfter(first.block()));
    h.tickAt(t0 + 5 * BLOCK_TIME + 1);
    assertThat(h.building.builds()).isEqualTo(2);
    assertThat(h.sink.last().block().header().parentHash()).isEqualTo(first.block().hash());
  }

  @Test
  void sealsOneBlockTimeAfterThePreviousBuild() throws Exception {
    h.lead(1);
    h.add(tx(a, 0));
    h.tickAt(t0);
    h.sink.commitLast();
    h.add(tx(a, 1));

    assertThat(h.tickAt(t0 + 100)).isEqualTo(BLOCK_TIME - 100);
    assertThat(h.tickAt(t0 + 249)).isEqualTo(1);
    assertThat(h.sink.submissions()).hasSize(1);

    h.tickAt(t0 + 250);
    assertThat(h.sink.submissions()).hasSize(2);
  }

  @Test
  void theFirstTransactionAfterAnIdlePeriodIsSealedAtOnce() throws Exception {
    h.lead(1);
    h.tickAt(t0);
    h.tickAt(t0 + 5_000);
    assertThat(h.sink.submissions()).isEmpty();

    h.add(tx(a, 0));
    h.tickAt(t0 + 5_001);
    assertThat(h.sink.submissions()).hasSize(1);
  }

  @Test
  void aFullBlockIsSealedWithoutWaitingForTheBlockTime() throws Exception {
    LoopHarness small = new LoopHarness(LoopHarness.config(3, false), 30_000_000, TxPoolListener.NONE, a, b);
    small.lead(1);
    small.add(tx(a, 0));
    small.tickAt(t0);
    small.sink.commitLast();

    small.add(tx(a, 1), tx(a, 2));
    small.tickAt(t0 + 10);
    assertThat(small.sink.submissions()).hasSize(1);

    small.add(tx(b, 0));
    small.tickAt(t0 + 11);
    assertThat(small.sink.submissions()).hasSize(2);
    assertThat(small.sink.last().block().transactions()).hasSize(3);
  }

  @Test
  void pendingGasThatFillsABlockAlsoSealsEarly() throws Exception {
    LoopHarness small = new LoopHarness(LoopHarness.config(1_000, false), 63_000, TxPoolListener.NONE, a, b);
    small.lead(1);
    small.add(tx(a, 0));
    small.tickAt(t0);
    small.sink.commitLast();

    small.add(tx(a, 1), tx(a, 2), tx(b, 0));
    small.tickAt(t0 + 10);
    assertThat(small.sink.submissions()).hasSize(2);
    assertThat(small.sink.last().block().transactions()).hasSize(3);
    assertThat(small.sink.last().block().header().gasUsed()).isEqualTo(63_000);
  }

  @Test
  void aFullPoolOfUnincludableTransactionsDoesNotSpin() throws Exception {
    LoopHarness small = new LoopHarness(LoopHarness.config(2, false), 30_000_000, TxPoolListener.NONE, a, b);
    small.lead(1);
    RecoveredTx a0 = tx(a, 0);
    RecoveredTx b0 = tx(b, 0);
    small.add(a0, b0);
    small.building.rejectAlways(a0, TxRejection.FEE_CAP_BELOW_BASE_FEE);
    small.building.rejectAlways(b0, TxRejection.FEE_CAP_BELOW_BASE_FEE);

    small.tickAt(t0);
    assertThat(small.building.builds()).isEqualTo(1);
    assertThat(small.sink.submissions()).isEmpty();
    // the pool still "fills a block", but nothing was includable: wait a block time
    assertThat(small.tickAt(t0 + 1)).isEqualTo(BLOCK_TIME - 1);
    assertThat(small.building.builds()).isEqualTo(1);
    small.tickAt(t0 + BLOCK_TIME);
    assertThat(small.building.builds()).isEqualTo(2);
  }

  @Test
  void noEmptyBlocksByDefault() {
    h.lead(1);
    for (long t = t0; t < t0 + 20 * BLOCK_TIME; t += BLOCK_TIME) {
      h.tickAt(t);
    }
    assertThat(h.sink.submissions()).isEmpty();
  }

  @Test
  void emptyBlocksEveryBlockTimeWhenConfigured() {
    LoopHarness empty = new LoopHarness(LoopHarness.config(1_000, true), 30_000_000, TxPoolListener.NONE, a);
    empty.lead(1);
    for (long t = t0; t < t0 + 4 * BLOCK_TIME; t += BLOCK_TIME / 2) {
      empty.tickAt(t);
      if (empty.loop.blockInFlight()) {
        empty.sink.commitLast();
      }
    }
    assertThat(empty.chain.blocks()).hasSize(5); // genesis + one per block time
    assertThat(empty.chain.headBlock().transactions()).isEmpty();
  }

  @Test
  void timestampsNeverDecreaseWhenTheClockGoesBack() throws Exception {
    h.lead(1);
    h.add(tx(a, 0));
    h.tickAt(t0);
    h.sink.commitLast();
    assertThat(Blocks.timestampMillis(h.chain.headBlock().header())).isEqualTo(t0);

    long back = t0 - 60_000;
    h.add(tx(a, 1));
    h.tickAt(back);
    h.tickAt(back + BLOCK_TIME);
    assertThat(h.sink.submissions()).as("production does not stall for a minute").hasSize(2);
    h.sink.commitLast();
    assertThat(Blocks.timestampMillis(h.chain.headBlock().header())).isEqualTo(t0);

    h.add(tx(a, 2));
    h.tickAt(t0 + 1_000);
    h.sink.commitLast();
    assertThat(Blocks.timestampMillis(h.chain.headBlock().header())).isEqualTo(t0 + 1_000);
    assertThat(h.chain.headBlock().header().timestamp()).isEqualTo((t0 + 1_000) / 1000);
  }

  @Test
  void theFirstBlockIsNotBeforeGenesis() throws Exception {
    h.lead(1);
    h.add(tx(a, 0));
    h.tickAt(GENESIS_MILLIS - 5_000);
    assertThat(Blocks.timestampMillis(h.sink.last().block().header())).isEqualTo(GENESIS_MILLIS);
  }

  @Test
  void aStaleRejectionKeepsTheTransactionsAndRebuildsOnTheNewHead() throws Exception {
    h.lead(1);
    RecoveredTx a0 = tx(a, 0);
    h.add(a0);
    h.tickAt(t0);
    Block ours = h.sink.last().block();

    Block theirs = h.chain.applyForeignEmptyBlock(t0 + 5);
    assertThat(h.sink.commitLast()).isInstanceOf(EntryResult.BlockStale.class);
    assertThat(h.pool.contains(a0.hash())).isTrue();

    h.tickAt(t0 + 10); // before the block time: the head moved, so retry at once
    assertThat(h.sink.submissions()).hasSize(2);
    Block retry = h.sink.last().block();
    assertThat(retry.header().parentHash()).isEqualTo(theirs.hash());
    assertThat(retry.number()).isEqualTo(ours.number() + 1);
    assertThat(retry.transactions()).containsExactly(a0);
    assertThat(Blocks.timestampMillis(retry.header())).isEqualTo(t0 + 10);
  }

  @Test
  void aStaleRejectionOnAnUnchangedHeadWaitsForTheBlockTime() throws Exception {
    h.lead(1);
    h.add(tx(a, 0));
    h.tickAt(t0);
    h.sink.last().outcome().complete(new EntryResult.BlockStale("test"));

    h.tickAt(t0 + 10);
    assertThat(h.sink.submissions()).hasSize(1);
    h.tickAt(t0 + BLOCK_TIME);
    assertThat(h.sink.submissions()).hasSize(2);
  }

  @Test
  void aFailedSubmissionKeepsTheTransactionsAndRetriesNextBlockTime() throws Exception {
    h.lead(1);
    RecoveredTx a0 = tx(a, 0);
    h.add(a0);
    h.tickAt(t0);
    h.sink.failLast("log unavailable");

    h.tickAt(t0 + 10);
    assertThat(h.sink.submissions()).hasSize(1);
    assertThat(h.pool.contains(a0.hash())).isTrue();
    h.tickAt(t0 + BLOCK_TIME);
    assertThat(h.sink.submissions()).hasSize(2);
    assertThat(h.sink.last().block().transactions()).containsExactly(a0);
    assertThat(h.sink.last().block().header().parentHash()).isEqualTo(h.chain.headBlock().hash());
  }

  @Test
  void anExceptionalFutureOrAThrowingSinkCountsAsFailed() throws Exception {
    h.lead(1);
    RecoveredTx a0 = tx(a, 0);
    h.add(a0);
    h.tickAt(t0);
    h.sink.last().outcome().completeExceptionally(new IllegalStateException("not leader"));
    h.sink.throwOnSubmit(new IllegalStateException("closed"));
    h.tickAt(t0 + BLOCK_TIME);
    assertThat(h.loop.blockInFlight()).isTrue();
    assertThat(h.loop.inFlightOutcome().join()).isInstanceOf(EntryResult.Failed.class);

    h.sink.throwOnSubmit(null);
    h.tickAt(t0 + 2 * BLOCK_TIME);
    assertThat(h.sink.submissions()).hasSize(2);
    assertThat(h.pool.contains(a0.hash())).isTrue();
  }

  @Test
  void losingLeadershipStopsProductionEvenWhileABlockIsInFlight() throws Exception {
    h.lead(1);
    h.add(tx(a, 0));
    h.tickAt(t0);
    h.follow();
    h.tickAt(t0 + 1);
    assertThat(h.loop.producing()).isFalse();

    h.add(tx(a, 1), tx(b, 0));
    h.sink.commitLast(); // Raft committed it after all
    for (long t = t0 + BLOCK_TIME; t < t0 + 10 * BLOCK_TIME; t += BLOCK_TIME) {
      h.tickAt(t);
    }
    assertThat(h.sink.submissions()).hasSize(1);
    assertThat(h.loop.blockInFlight()).isFalse();

    h.lead(4);
    h.tickAt(t0 + 10 * BLOCK_TIME);
    assertThat(h.sink.submissions()).hasSize(2);
    assertThat(Blocks.term(h.sink.last().block().header())).isEqualTo(4);
  }

  @Test
  void aBlockBuiltWhileLeadershipWasLostIsNotSubmitted() throws Exception {
    h.lead(1);
    RecoveredTx a0 = tx(a, 0);
    h.add(a0);
    h.building.duringBuild(h::follow);
    h.tickAt(t0);
    assertThat(h.building.builds()).isEqualTo(1);
    assertThat(h.sink.submissions()).isEmpty();
    assertThat(h.pool.contains(a0.hash())).isTrue();
  }

  @Test
  void aTermChangeWhileBuildingIsNotSubmittedUnderTheOldTerm() throws Exception {
    h.lead(1);
    h.add(tx(a, 0));
    h.building.duringBuild(() -> h.lead(2));
    h.tickAt(t0);
    assertThat(h.sink.submissions()).isEmpty();
  }

  @Test
  void permanentlyInvalidTransactionsAreProposedForDroppingAndRetryableOnesStay() throws Exception {
    h.lead(1);
    RecoveredTx a0 = tx(a, 0);
    RecoveredTx b0 = tx(b, 0);
    h.add(a0, b0);
    h.building.rejectAlways(a0, TxRejection.INTRINSIC_GAS);
    h.building.rejectAlways(b0, TxRejection.FEE_CAP_BELOW_BASE_FEE);

    h.tickAt(t0);

    assertThat(h.sink.blocks()).isEmpty();
    assertThat(h.sink.last().drops()).containsExactly(new LogEntry.Drop(a0.hash(), TxRejection.INTRINSIC_GAS));
    assertThat(h.pool.contains(a0.hash())).as("it leaves only when the log says so").isTrue();
    h.sink.commitLast();
    assertThat(h.pool.contains(a0.hash())).isFalse();
    assertThat(h.pool.contains(b0.hash())).isTrue();
  }

  @Test
  void theBuilderSeeingANonceAlreadyUsedResyncsThePool() throws Exception {
    h.lead(1);
    RecoveredTx a0 = tx(a, 0);
    RecoveredTx a1 = tx(a, 1);
    h.add(a0, a1);
    // the chain moved without telling the pool (nonce 0 used elsewhere)
    FakeState moved = h.chain.headState().copy().setNonce(a, 1);
    Block foreign = Blocks.block(Blocks.header(h.chain.headBlock().hash(), 1, moved.root(), 30_000_000, 0, t0, 9,
        BaseFee.next(h.chain.headBlock().header())), List.of());
    h.chain.apply(foreign, moved);

    // the builder skips a after its stale nonce 0 and proposes dropping it
    h.tickAt(t0);
    assertThat(h.sink.last().drops()).containsExactly(new LogEntry.Drop(a0.hash(), TxRejection.NONCE_TOO_LOW));
    h.sink.commitLast();
    assertThat(h.pool.contains(a0.hash())).isFalse();

    // once the drop applied the pool follows the head's nonce, and the next build comes at once
    h.tickAt(t0 + 1);
    assertThat(h.sink.last().block().transactions()).containsExactly(a1);
  }

  @Test
  void transactionsLeftOutForLackOfGasGoIntoTheNextBlockAtOnce() throws Exception {
    // 50,000 gas fits two transfers; the third is deferred and the next block follows immediately
    LoopHarness small = new LoopHarness(LoopHarness.config(1_000, false), 50_000, TxPoolListener.NONE, a, b);
    small.lead(1);
    small.add(tx(a, 0), tx(a, 1), tx(b, 0));
    small.tickAt(t0);
    assertThat(small.sink.last().block().transactions()).hasSize(2);
    small.sink.commitLast();

    small.tickAt(t0 + 1);
    assertThat(small.sink.submissions()).hasSize(2);
    assertThat(small.sink.last().block().transactions()).hasSize(1);
    assertThat(small.pool.size()).isEqualTo(1);
    small.sink.commitLast();
    assertThat(small.pool.size()).isZero();
  }

  @Test
  void doesNotBuildWhenTheHeadStateDoesNotMatchTheHeadBlock() throws Exception {
    h.lead(1);
    h.add(tx(a, 0));
    h.chain.overrideHead(new ChainView.Head(h.chain.headBlock(), h.chain.headState().copy().setNonce(b, 5)));
    h.tickAt(t0);
    assertThat(h.building.builds()).isZero();

    h.chain.overrideHead(null);
    h.tickAt(t0 + 1);
    assertThat(h.building.builds()).isEqualTo(1);
  }

  @Test
  void transactionsWaitingForTheBaseFeeGetEmptyBlocksUntilItFalls() throws Exception {
    h.lead(1);
    RecoveredTx a0 = tx(a, 0);
    h.add(a0);
    // the builder offers nothing at this base fee (the pool's candidates skip a0)
    h.building.offerNothing(true);
    h.tickAt(t0);
    assertThat(h.sink.last().block().transactions()).as("an empty block lowers the base fee").isEmpty();
    h.sink.commitLast();
    h.building.offerNothing(false);
    h.tickAt(t0 + BLOCK_TIME);
    assertThat(h.sink.last().block().transactions()).containsExactly(a0);
  }

  @Test
  void inFlightOutcomeIsExposedForTheDriverToWaitOn() throws Exception {
    assertThat(h.loop.inFlightOutcome()).isNull();
    h.lead(1);
    h.add(tx(a, 0));
    h.tickAt(t0);
    CompletableFuture<EntryResult> outcome = h.loop.inFlightOutcome();
    assertThat(outcome).isSameAs(h.sink.last().outcome());
  }
}
