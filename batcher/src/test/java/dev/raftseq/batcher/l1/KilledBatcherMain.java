package dev.raftseq.batcher.l1;

import dev.raftseq.batcher.attest.Attester;
import dev.raftseq.batcher.attest.Committee;
import dev.raftseq.batcher.attest.CommitteeProof;
import dev.raftseq.batcher.attest.ProofAssembler;
import dev.raftseq.batcher.attest.ProofCollector;
import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.batcher.batch.BatchTracker;
import dev.raftseq.batcher.batch.FileBatchIndex;
import dev.raftseq.batcher.testing.ChainFixture;
import dev.raftseq.batcher.testing.L1Wallet;
import dev.raftseq.batcher.testing.Signers;
import dev.raftseq.chain.types.Address;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.web3j.crypto.Credentials;

/**
 * A batcher node in its own JVM for {@link SubmitterKillIT}: grows its chain to a target height
 * (two transfers per block), seals, gathers signatures from three in-process signers and settles
 * on L1, until every batch is executed; then prints SETTLED and exits 0. Killed with SIGKILL at
 * random moments and started again over the same directory, it must continue where L1 is.
 *
 * <p>Arguments: data directory, L1 URL, contract address, target block.
 */
public final class KilledBatcherMain {
  private KilledBatcherMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    URI l1Url = URI.create(args[1]);
    Address contractAddress = Address.fromHex(args[2]);
    long target = Long.parseLong(args[3]);
    try (ChainFixture chain = new ChainFixture(dir.resolve("chain"));
        Signers signers = new Signers(chain.store(), SubmitterKillIT.LIMITS, dir.resolve("signers"));
        FileBatchIndex index = FileBatchIndex.open(dir.resolve("batcher").resolve("batches.jsonl"));
        Web3L1Client l1 = new Web3L1Client(l1Url, Duration.ofSeconds(5))) {
      BatchTracker tracker = new BatchTracker(chain.store(), SubmitterKillIT.LIMITS, index);
      Attester self = new Attester(Signers.KEYS.get(0), tracker::batch);
      ProofCollector proofs = new ProofCollector(new ProofAssembler(new Committee(Signers.addresses())), self,
          signers.source(0), tracker::batch);
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
      SubmitterSettings d = SubmitterSettings.defaults();
      Submitter submitter = new Submitter(new SubmitterSettings(1, Duration.ofSeconds(30), 25, d.maxFeePerGas(),
          d.maxPriorityFeePerGas(), 8), l1, Credentials.create(L1Wallet.DEV_KEY_0),
          new SettlementContract(l1, contractAddress), new FileProgressStore(dir.resolve("batcher").resolve("l1-progress.json")),
          feed, Clock.systemUTC(), CrashPoints.NONE, "child");
      while (true) {
        if (chain.head() < target) {
          chain.produce(1, 2);
        }
        tracker.poll(100_000);
        submitter.tick();
        L1Totals t = submitter.totals();
        if (chain.head() >= target && t != null && t.executed() == tracker.lastSealed().number() && submitter.inFlight() == 0) {
          System.out.println("SETTLED " + t.executed() + " errors " + submitter.errorCount());
          return;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
  }
}
