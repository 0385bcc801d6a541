package dev.raftseq.batcher.l1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.batcher.attest.Attester;
import dev.raftseq.batcher.attest.Committee;
import dev.raftseq.batcher.attest.CommitteeProof;
import dev.raftseq.batcher.attest.ProofAssembler;
import dev.raftseq.batcher.attest.ProofCollector;
import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.batcher.batch.BatchLimits;
import dev.raftseq.batcher.batch.BatchTracker;
import dev.raftseq.batcher.batch.FileBatchIndex;
import dev.raftseq.batcher.testing.Anvil;
import dev.raftseq.batcher.testing.AnvilRpc;
import dev.raftseq.batcher.testing.MutableClock;
import dev.raftseq.batcher.testing.ChainFixture;
import dev.raftseq.batcher.testing.L1Wallet;
import dev.raftseq.batcher.testing.Signers;
import dev.raftseq.chain.types.Address;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline against real anvil (the seed's flags: 250 ms blocks, mixed mining) and the real
 * contract: real blocks in a RocksChainStore, batches sealed by the batcher node and by three
 * in-process committee signers, proofs from their signatures, commit / prove / execute through
 * web3j. The operator's L1 nonce counts every transaction it ever got mined, so "three transactions
 * per batch, exactly" means no duplicate (a duplicate would be mined and revert) and no gap.
 */
class SettlementPipelineIT {
  private static final Logger LOG = LoggerFactory.getLogger(SettlementPipelineIT.class);
  static final BatchLimits LIMITS = new BatchLimits(4, 1000, 100_000_000, 1000);

  @TempDir Path tmp;
  Anvil anvil;
  ChainFixture chain;
  Signers signers;
  Address contractAddress;
  L1Wallet deployer;

  @BeforeEach
  void setUp() throws Exception {
    anvil = Anvil.start(tmp, null, "--block-time", "0.25", "--mixed-mining", "--slots-in-an-epoch", "10");
    chain = new ChainFixture(tmp.resolve("chain"));
    signers = new Signers(chain.store(), LIMITS, tmp.resolve("signers"));
    try (Web3L1Client l1 = new Web3L1Client(anvil.uri(), Duration.ofSeconds(5))) {
      deployer = new L1Wallet(l1, L1Wallet.DEV_KEY_0);
      contractAddress = deployer.deploySettlement(deployer.address(), Signers.addresses(), ChainFixture.CHAIN_ID,
          chain.genesis().header().stateRoot(), chain.genesis().hash());
    }
  }

  @AfterEach
  void tearDown() {
    if (signers != null) {
      signers.close();
    }
    if (chain != null) {
      chain.close();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  /** The batcher node's pieces, as BatcherService wires them; a new one is a restarted process. */
  final class BatcherNode implements AutoCloseable {
    final Web3L1Client l1 = new Web3L1Client(anvil.uri(), Duration.ofSeconds(5));
    final FileBatchIndex index = FileBatchIndex.open(tmp.resolve("batcher").resolve("batches.jsonl"));
    final BatchTracker tracker = new BatchTracker(chain.store(), LIMITS, index);
    final Attester attester = new Attester(Signers.KEYS.get(0), tracker::batch);
    final ProofCollector proofs = new ProofCollector(new ProofAssembler(new Committee(Signers.addresses())), attester,
        signers.source(0), tracker::batch);
    final SettlementContract contract = new SettlementContract(l1, contractAddress);
    final Submitter submitter;

    BatcherNode(SubmitterSettings settings, Clock clock, CrashPoints crash) {
      BatchFeed feed = new BatchFeed() {
        @Override
        public long lastSealed() {
          return tracker.lastSealed().number();
        }

        @Override
        public Optional<Batch> batch(long n) {
          return tracker.batch(n);
        }

        @Override
        public Optional<CommitteeProof> proof(long n) {
          return proofs.proof(n);
        }
      };
      submitter = new Submitter(settings, l1, deployer.credentials(), contract,
          new FileProgressStore(tmp.resolve("batcher").resolve("l1-progress.json")), feed, clock, crash, "batcher");
    }

    void round() {
      tracker.poll(100_000);
      submitter.tick();
    }

    @Override
    public void close() {
      l1.close();
      index.close();
    }
  }

  static SubmitterSettings settings(int confirmations) {
    SubmitterSettings d = SubmitterSettings.defaults();
    return new SubmitterSettings(confirmations, Duration.ofSeconds(30), 25, d.maxFeePerGas(), d.maxPriorityFeePerGas(), 16);
  }

  /** Runs rounds until L1 has executed every sealed batch and nothing is in flight. */
  void settleAll(BatcherNode node, long deadlineSeconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
    while (System.nanoTime() < deadline) {
      node.round();
      L1Totals t = node.submitter.totals();
      if (t != null && t.executed() == node.tracker.lastSealed().number() && node.submitter.inFlight() == 0) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    throw new AssertionError("not settled in " + deadlineSeconds + " s: " + node.submitter.totals() + ", sealed "
        + node.tracker.lastSealed().number() + ", in flight " + node.submitter.inFlight() + ", last error "
        + node.submitter.lastError());
  }

  void assertL1MatchesChain(long batches) {
    try (Web3L1Client l1 = new Web3L1Client(anvil.uri(), Duration.ofSeconds(5))) {
      SettlementContract c = new SettlementContract(l1, contractAddress);
      assertThat(c.totals()).isEqualTo(new L1Totals(batches, batches, batches));
      BatchTracker t = signers.tracker(1);
      for (long n = 1; n <= batches; n++) {
        Batch b = t.batch(n).orElseThrow();
        long[] range = c.batchBlocks(n);
        assertThat(range).containsExactly(b.firstBlock(), b.lastBlock());
        assertThat(c.batchStateRoot(n)).as("batch %d state root", n)
            .isEqualTo(chain.store().headerByNumber(b.lastBlock()).orElseThrow().stateRoot());
        assertThat(c.batchCommitment(n)).isEqualTo(b.commitment());
        if (n > 1) {
          assertThat(range[0]).isEqualTo(c.batchBlocks(n - 1)[1] + 1);
        }
      }
      // every mined operator transaction is one step: no duplicate, no stray
      assertThat(l1.nonce(deployer.address(), false)).as("operator transactions").isEqualTo(1 + 3 * batches);
    }
  }

  @Test
  void settlesEveryBatchInOrderAndL1HoldsTheChainsStateRoots() {
    chain.produce(10, 3);
    try (BatcherNode node = new BatcherNode(settings(2), Clock.systemUTC(), CrashPoints.NONE)) {
      settleAll(node, 60);
      chain.produce(9, 1);
      settleAll(node, 60);
      assertThat(node.submitter.errorCount()).isZero();
      long sealed = node.tracker.lastSealed().number();
      assertThat(sealed).isGreaterThanOrEqualTo(4);
      assertL1MatchesChain(sealed);
    }
  }

  @Test
  void aStuckTransactionIsRepricedAtTheSameNonceAndOnlyOneVersionIsMined() throws Exception {
    AnvilRpc.call(anvil, "evm_setAutomine", "[false]");
    AnvilRpc.call(anvil, "evm_setIntervalMining", "[0]");
    chain.produce(4, 1);
    MutableClock clock = new MutableClock(1_000_000);
    try (BatcherNode node = new BatcherNode(settings(1), clock, CrashPoints.NONE)) {
      node.round();
      List<SentTx> first = new FileProgressStore(tmp.resolve("batcher").resolve("l1-progress.json")).load();
      assertThat(first).extracting(SentTx::step).containsExactly(new Step(Step.Kind.COMMIT, 1), new Step(Step.Kind.PROVE, 1),
          new Step(Step.Kind.EXECUTE, 1));
      node.round(); // not stuck yet: nothing new
      assertThat(new FileProgressStore(tmp.resolve("batcher").resolve("l1-progress.json")).load()).isEqualTo(first);

      clock.advance(Duration.ofSeconds(31));
      node.round();
      List<SentTx> repriced = new FileProgressStore(tmp.resolve("batcher").resolve("l1-progress.json")).load();
      assertThat(repriced).hasSize(3);
      for (int i = 0; i < 3; i++) {
        SentTx s = repriced.get(i);
        assertThat(s.nonce()).isEqualTo(first.get(i).nonce());
        assertThat(s.attempts()).hasSize(2);
        assertThat(s.attempts().get(0)).isEqualTo(first.get(i).attempts().get(0));
        assertThat(s.latest().maxFeePerGas()).isGreaterThanOrEqualTo(
            s.attempts().get(0).maxFeePerGas().multiply(java.math.BigInteger.valueOf(125)).divide(java.math.BigInteger.valueOf(100)));
        assertThat(s.latest().maxPriorityFeePerGas()).isGreaterThan(s.attempts().get(0).maxPriorityFeePerGas());
      }

      AnvilRpc.call(anvil, "evm_mine", "[]");
      AnvilRpc.call(anvil, "evm_setAutomine", "[true]");
      settleAll(node, 60);
      for (SentTx s : repriced) {
        assertThat(node.l1.receipt(s.attempts().get(0).hash())).as("the replaced version of %s", s.step()).isEmpty();
        assertThat(node.l1.receipt(s.latest().hash())).as("the re-priced version of %s", s.step())
            .hasValueSatisfying(r -> assertThat(r.success()).isTrue());
      }
      assertThat(node.submitter.errorCount()).isZero();
      assertL1MatchesChain(node.tracker.lastSealed().number());
    }
  }

  /** Thrown by the crash hook: the "process" dies there. */
  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String point) {
      super("simulated crash at " + point);
    }
  }

  @Test
  void killedAtEveryPointItResumesWithNoGapAndNoDuplicate() {
    chain.produce(24, 2);
    // crash at the k-th passage of each point, for several k: before and after broadcasts, before forgetting
    List<String> plan = new ArrayList<>();
    for (String p : List.of(CrashPoints.AFTER_PERSIST, CrashPoints.AFTER_SEND, CrashPoints.BEFORE_FORGET)) {
      for (int k : new int[] {1, 2, 4, 7}) {
        plan.add(p + "#" + k);
      }
    }
    int crashes = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    long errors = 0;
    for (String step : plan) {
      String point = step.substring(0, step.indexOf('#'));
      int k = Integer.parseInt(step.substring(step.indexOf('#') + 1));
      AtomicInteger seen = new AtomicInteger();
      CrashPoints hook = p -> {
        if (p.equals(point) && seen.incrementAndGet() == k) {
          throw new SimulatedCrash(p);
        }
      };
      BatcherNode node = new BatcherNode(settings(1), Clock.systemUTC(), hook);
      try {
        boolean crashed = false;
        while (!crashed && System.nanoTime() < deadline) {
          try {
            node.round();
          } catch (SimulatedCrash e) {
            crashed = true;
            crashes++;
            LOG.info("{} (L1 {})", e.getMessage(), node.submitter.totals());
          }
          L1Totals t = node.submitter.totals();
          if (t != null && t.executed() == node.tracker.lastSealed().number()) {
            chain.produce(4, 1); // keep the chain growing so every plan step has work
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        errors += node.submitter.errorCount();
      } finally {
        node.close(); // the dead process's resources; nothing of its memory survives
      }
    }
    assertThat(crashes).isEqualTo(plan.size());
    try (BatcherNode last = new BatcherNode(settings(1), Clock.systemUTC(), CrashPoints.NONE)) {
      settleAll(last, 60);
      errors += last.submitter.errorCount();
      assertThat(errors).as("reverts, refusals or foreign nonces seen").isZero();
      assertL1MatchesChain(last.tracker.lastSealed().number());
    }
  }
}
