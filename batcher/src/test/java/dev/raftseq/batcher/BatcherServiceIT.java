package dev.raftseq.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.batcher.batch.BatchLimits;
import dev.raftseq.batcher.l1.CrashPoints;
import dev.raftseq.batcher.l1.L1Totals;
import dev.raftseq.batcher.l1.SettlementContract;
import dev.raftseq.batcher.l1.SubmitterSettings;
import dev.raftseq.batcher.l1.Web3L1Client;
import dev.raftseq.batcher.testing.Anvil;
import dev.raftseq.batcher.testing.ChainFixture;
import dev.raftseq.batcher.testing.L1Wallet;
import dev.raftseq.batcher.testing.Signers;
import dev.raftseq.chain.types.Address;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batcher service with its own thread, as the node runs it, against real anvil: the L1 going
 * away and coming back, and settlement handed over between two nodes following the leader.
 */
class BatcherServiceIT {
  static final BatchLimits LIMITS = new BatchLimits(4, 1000, 100_000_000, 1000);

  @TempDir Path tmp;
  Anvil anvil;
  ChainFixture chain;
  Signers signers;
  Address contract;
  L1Wallet operator;

  @BeforeEach
  void setUp() throws Exception {
    anvil = Anvil.start(tmp, tmp.resolve("l1-state.json"), "--block-time", "0.25", "--mixed-mining",
        "--slots-in-an-epoch", "10");
    chain = new ChainFixture(tmp.resolve("chain"));
    signers = new Signers(chain.store(), LIMITS, tmp.resolve("signers"));
    try (Web3L1Client l1 = new Web3L1Client(anvil.uri(), Duration.ofSeconds(5))) {
      operator = new L1Wallet(l1, L1Wallet.DEV_KEY_0);
      contract = operator.deploySettlement(operator.address(), Signers.addresses(), ChainFixture.CHAIN_ID,
          chain.genesis().header().stateRoot(), chain.genesis().hash());
    }
  }

  @AfterEach
  void tearDown() {
    signers.close();
    chain.close();
    anvil.close();
  }

  BatcherService service(String name, boolean followLeader) {
    BatcherSettings s = new BatcherSettings(true, followLeader, LIMITS, tmp.resolve(name), anvil.uri(),
        Duration.ofSeconds(2), Optional.of(contract), Optional.of(L1Wallet.DEV_KEY_0), SubmitterSettings.defaults(),
        Duration.ofMillis(100), Duration.ofSeconds(1));
    var l1 = new Web3L1Client(anvil.uri(), Duration.ofSeconds(2));
    return new BatcherService(s, chain.store(), Signers.KEYS.get(0), signers.source(0), l1, Clock.systemUTC(),
        CrashPoints.NONE, name);
  }


  static void await(String what, long seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  static boolean settled(BatcherService s) {
    BatcherStatus st = s.status();
    return st.lastExecutedBatch() != null && st.lastExecutedBatch() == st.lastSealedBatch()
        && st.l1TransactionsInFlight() == 0;
  }

  void assertL1MatchesChain(long batches) {
    try (Web3L1Client l1 = new Web3L1Client(anvil.uri(), Duration.ofSeconds(5))) {
      SettlementContract c = new SettlementContract(l1, contract);
      assertThat(c.totals()).isEqualTo(new L1Totals(batches, batches, batches));
      for (long n = 1; n <= batches; n++) {
        Batch b = signers.tracker(2).batch(n).orElseThrow();
        assertThat(c.batchCommitment(n)).isEqualTo(b.commitment());
        assertThat(c.batchStateRoot(n)).isEqualTo(chain.store().headerByNumber(b.lastBlock()).orElseThrow().stateRoot());
      }
      assertThat(l1.nonce(operator.address(), false)).as("operator transactions").isEqualTo(1 + 3 * batches);
    }
  }

  @Test
  void l1DownForAWhileThenBackSettlementCatchesUpAndTheErrorWasVisibleMeanwhile() throws Exception {
    try (BatcherService s = service("batcher", false)) {
      s.start();
      chain.produce(12, 2);
      await("first batches settled", 60, () -> settled(s) && s.status().lastExecutedBatch() >= 2);
      assertThat(s.status().lastL1Error()).isEmpty();

      anvil.stop();
      long sealedWhenDown = s.status().lastSealedBatch();
      long executedWhenDown = s.status().lastExecutedBatch();
      // the chain goes on; the batcher keeps sealing while L1 is away
      for (int i = 0; i < 12; i++) {
        chain.produce(1, 1);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      await("the L1 error in the status", 30, () -> s.status().lastL1Error().isPresent());
      // down long enough for the backoff to reach its ceiling (200, 400, 800, 1000, 1000 ms)
      await("five failed rounds", 30, () -> s.status().l1Errors() >= 5);
      BatcherStatus down = s.status();
      assertThat(down.lastL1Error().orElseThrow()).contains("unreachable");
      assertThat(down.l1Errors()).isPositive();
      assertThat(down.lastSealedBatch()).isGreaterThan(sealedWhenDown);
      assertThat(down.lastExecutedBatch()).isEqualTo(executedWhenDown);
      assertThat(down.toJsonMap()).containsEntry("enabled", true).containsKey("last_l1_error");

      anvil.start();
      await("settlement caught up", 90, () -> settled(s) && s.status().lastSealedBatch() > sealedWhenDown);
      assertL1MatchesChain(s.status().lastSealedBatch());
    }
  }

  @Test
  void followingTheLeaderTheNewLeaderSettlesTheNextBatches() throws Exception {
    try (BatcherService a = service("node-a", true); BatcherService b = service("node-b", true)) {
      a.start();
      b.start();
      chain.produce(8, 1);
      await("both sealed", 30, () -> a.status().lastSealedBatch() >= 2 && b.status().lastSealedBatch() >= 2);
      assertThat(a.status().active()).isFalse();
      assertThat(a.status().lastCommittedBatch()).isNull(); // nobody settles without a leader

      a.onLeadershipChange(true);
      await("a settled", 60, () -> settled(a));
      assertThat(b.status().active()).isFalse();
      long byA = a.status().lastExecutedBatch();

      // failover: a steps down (its round in progress ends), b is elected
      a.onLeadershipChange(false);
      long r = a.rounds();
      await("a's round ended", 10, () -> a.rounds() >= r + 2);
      b.onLeadershipChange(true);
      chain.produce(12, 1);
      await("b settled the next batches", 60, () -> settled(b) && b.status().lastExecutedBatch() > byA);
      assertThat(a.status().lastExecutedBatch()).isEqualTo(byA); // a stopped at the handover
      assertThat(b.status().l1Errors()).isZero();
      assertL1MatchesChain(b.status().lastSealedBatch());

      // and back: a takes over again, resuming from L1 (its own progress file is stale)
      b.onLeadershipChange(false);
      long rb = b.rounds();
      await("b's round ended", 10, () -> b.rounds() >= rb + 2);
      a.onLeadershipChange(true);
      chain.produce(8, 1);
      await("a settled again", 60, () -> settled(a) && a.status().lastSealedBatch() > b.status().lastExecutedBatch());
      assertThat(a.status().l1Errors()).isZero();
      assertL1MatchesChain(a.status().lastSealedBatch());
    }
  }
}
