package dev.raftseq.batcher.l1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.batcher.batch.BatchLimits;
import dev.raftseq.batcher.batch.BatchTracker;
import dev.raftseq.batcher.batch.FileBatchIndex;
import dev.raftseq.batcher.testing.Anvil;
import dev.raftseq.batcher.testing.ChainFixture;
import dev.raftseq.batcher.testing.L1Wallet;
import dev.raftseq.batcher.testing.Signers;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.types.Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batcher killed for real: a child JVM ({@link KilledBatcherMain}) producing blocks and
 * settling them on anvil is SIGKILLed at random moments, several times, then run to the end. The L1
 * must then hold every batch, contiguous, with the chain's state roots, and the operator must have
 * had exactly three transactions mined per batch (a duplicate would be mined and revert).
 */
class SubmitterKillIT {
  static final BatchLimits LIMITS = new BatchLimits(3, 1000, 100_000_000, 1000);
  static final int KILLS = 6;
  static final long TARGET_BLOCK = 60;

  @TempDir Path tmp;

  @Test
  void sigkilledAtRandomMomentsItSettlesEveryBatchExactlyOnce() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    try (Anvil anvil = Anvil.start(tmp, null, "--block-time", "0.25", "--mixed-mining", "--slots-in-an-epoch", "10")) {
      Address contract;
      ChainFixture chain0 = new ChainFixture(tmp.resolve("node").resolve("chain"));
      try (Web3L1Client l1 = new Web3L1Client(anvil.uri(), Duration.ofSeconds(5))) {
        contract = new L1Wallet(l1, L1Wallet.DEV_KEY_0).deploySettlement(new L1Wallet(l1, L1Wallet.DEV_KEY_0).address(),
            Signers.addresses(), ChainFixture.CHAIN_ID, chain0.genesis().header().stateRoot(), chain0.genesis().hash());
      } finally {
        chain0.close();
      }
      int killed = 0;
      for (int i = 0; i < KILLS; i++) {
        Process child = start(anvil, contract, i);
        // let it make progress (a few transactions sent), then kill it a random moment later
        Path log = tmp.resolve("child-" + i + ".log");
        int sends = 1 + random.nextInt(6);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() && System.nanoTime() < deadline && count(log, "sending ") < sends) {
          Thread.sleep(10);
        }
        if (child.waitFor(random.nextInt(300), TimeUnit.MILLISECONDS)) {
          break; // finished before we got to kill it
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
        killed++;
      }
      Process last = start(anvil, contract, KILLS);
      assertThat(last.waitFor(180, TimeUnit.SECONDS)).as("the last run settles (seed %d)", seed).isTrue();
      String out = Files.readString(tmp.resolve("child-" + KILLS + ".log"));
      assertThat(last.exitValue()).as(out).isZero();
      assertThat(out).contains("SETTLED");
      assertThat(killed).as("seed %d", seed).isGreaterThanOrEqualTo(3);
      for (int i = 0; i <= KILLS; i++) {
        Path log = tmp.resolve("child-" + i + ".log");
        if (Files.exists(log)) {
          for (String line : Files.readAllLines(log)) {
            if (line.contains("resuming") || line.contains("SETTLED") || line.contains("WARN")) {
              System.out.println("run " + i + ": " + line);
            }
          }
        }
      }

      try (RocksChainStore store = RocksChainStore.open(tmp.resolve("node").resolve("chain"), ChainFixture.CHAIN_ID);
          FileBatchIndex index = FileBatchIndex.open(tmp.resolve("check").resolve("batches.jsonl"));
          Web3L1Client l1 = new Web3L1Client(anvil.uri(), Duration.ofSeconds(5))) {
        BatchTracker fresh = new BatchTracker(store, LIMITS, index); // sealed from scratch, as any node would
        List<Batch> sealed = fresh.poll(100_000);
        long n = fresh.lastSealed().number();
        assertThat(n).isGreaterThanOrEqualTo(TARGET_BLOCK / LIMITS.maxBlocks() - 1);
        SettlementContract c = new SettlementContract(l1, contract);
        assertThat(c.totals()).as("seed %d", seed).isEqualTo(new L1Totals(n, n, n));
        for (Batch b : sealed) {
          assertThat(c.batchCommitment(b.number())).isEqualTo(b.commitment());
          assertThat(c.batchStateRoot(b.number())).isEqualTo(store.headerByNumber(b.lastBlock()).orElseThrow().stateRoot());
        }
        assertThat(l1.nonce(new L1Wallet(l1, L1Wallet.DEV_KEY_0).address(), false)).as("operator transactions, seed %d", seed)
            .isEqualTo(1 + 3 * n);
      }
    }
  }

  private static long count(Path log, String text) throws java.io.IOException {
    return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains(text)).count() : 0;
  }

  private Process start(Anvil anvil, Address contract, int run) throws Exception {
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), KilledBatcherMain.class.getName(), tmp.resolve("node").toString(),
        anvil.url(), contract.toHex(), String.valueOf(TARGET_BLOCK))
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child-" + run + ".log").toFile()).start();
  }
}
