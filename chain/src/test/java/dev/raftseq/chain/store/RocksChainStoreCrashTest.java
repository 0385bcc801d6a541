package dev.raftseq.chain.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.state.TrieStateRootCalculator;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.trie.InMemoryNodeStore;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.trie.NodeCache;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxLocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills (SIGKILL) a process that applies blocks at random moments, reopens its database and
 * checks that it holds exactly a prefix of the workload: the head block and everything below it
 * complete (block, hash chain, transaction index, receipts, pool removal, applied index), nothing
 * above it, the head state equal to the model's state and its root equal to the header's, and the
 * flat state equal to the trie state. Every block the child reported committed survives.
 */
class RocksChainStoreCrashTest {
  private static final Logger LOG = LoggerFactory.getLogger(RocksChainStoreCrashTest.class);
  /** Kills wanted; fewer are accepted when the machine is slow, down to MIN_KILLS. */
  private static final int KILLS = 25;
  private static final int MIN_KILLS = 10;
  private static final Duration BUDGET = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void killedWriterLeavesAConsistentPrefix() throws Exception {
    long seed = new Random().nextLong();
    LOG.info("crash test seed {}", seed);
    Random random = new Random(seed);
    Path dir = tmp.resolve("db");
    CrashWorkload.Model model = new CrashWorkload.Model();
    long verified = -1;
    long deadline = System.nanoTime() + BUDGET.toNanos();
    int kills = 0;
    while (kills < KILLS && (kills < MIN_KILLS || System.nanoTime() < deadline)) {
      long reported = runAndKill(dir, seed, random, tmp.resolve("child-" + kills + ".err"));
      kills++;
      verified = verify(dir, seed, model, verified, reported);
    }
    LOG.info("{} kills, {} blocks", kills, verified);
    assertThat(verified).as("blocks applied over all runs").isGreaterThanOrEqualTo(kills);
  }

  /** Runs the writer until it has committed at least one block, then kills it at a random moment. */
  private long runAndKill(Path dir, long seed, Random random, Path stderr) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriterMain.class.getName(),
                dir.toString(),
                Long.toString(seed))
            .redirectError(stderr.toFile());
    Process p = pb.start();
    AtomicLong lastReported = new AtomicLong(-1);
    AtomicLong reports = new AtomicLong();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("committed ")) {
            lastReported.set(Long.parseLong(line.substring(10).trim()));
            reports.incrementAndGet();
          }
        }
      } catch (IOException e) {
        // the stream closes when the process dies
      }
    });
    pump.start();
    long wait = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long wanted = 1 + random.nextInt(3);
    while (reports.get() < wanted && p.isAlive() && System.nanoTime() < wait) {
      LockSupport.parkNanos(1_000_000);
    }
    assertThat(p.isAlive()).as("writer alive (stderr: %s)", readQuietly(stderr)).isTrue();
    assertThat(reports.get()).as("writer progress").isGreaterThanOrEqualTo(wanted);
    // fault injection, not synchronization: land the kill anywhere inside the next commits
    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(60_000)));
    p.destroyForcibly();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    pump.join(10_000);
    return lastReported.get();
  }

  private static String readQuietly(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Checks the reopened database; returns the head number, all of it verified. */
  private long verify(Path dir, long seed, CrashWorkload.Model model, long verified, long reported) {
    try (RocksChainStore store = RocksChainStore.open(dir, CrashWorkload.CHAIN)) {
      Block head = store.head();
      long h = head.number();
      assertThat(h).as("every reported commit is durable").isGreaterThanOrEqualTo(reported);
      assertThat(h).as("head never goes back").isGreaterThanOrEqualTo(verified);

      // blocks verified..h: present, chained, indexed, with receipts; the model follows them
      Block previous = verified >= 0 ? store.blockByNumber(verified).orElseThrow() : null;
      for (long n = verified + 1; n <= h; n++) {
        Block b = store.blockByNumber(n).orElseThrow();
        assertThat(b.header().parentHash()).isEqualTo(previous == null ? Hash.ZERO : previous.hash());
        assertThat(store.blockByHash(b.hash())).contains(b);
        List<RecoveredTx> expectedTxs = CrashWorkload.txs(n);
        assertThat(b.transactions()).isEqualTo(expectedTxs);
        for (int i = 0; i < expectedTxs.size(); i++) {
          assertThat(store.transactionLocation(expectedTxs.get(i).hash())).contains(new TxLocation(b.hash(), n, i));
        }
        assertThat(store.receipts(b.hash())).hasSize(expectedTxs.size());
        StateDiff d = CrashWorkload.diff(seed, n);
        model.apply(d);
        previous = b;
      }
      assertThat(previous.hash()).isEqualTo(head.hash());

      // nothing above the head, even bypassing the head filter
      byte[] above = RocksChainStore.longBytes(h + 1);
      assertThat(store.rawGet("blocks", above)).isNull();
      assertThat(store.rawGet("headers", above)).isNull();
      for (RecoveredTx tx : CrashWorkload.txs(h + 1)) {
        assertThat(store.rawGet("tx_locations", tx.hash().unsafeBytes())).isNull();
      }

      // applied index and pool: either block h's commit was last, or the pool add for h + 1
      List<byte[]> pooled = store.pooledTransactions();
      long applied = store.lastApplied().orElseThrow().index();
      if (applied == CrashWorkload.poolIndex(h + 1).index()) {
        assertThat(pooled.stream().map(Keccak::hash).toList())
            .containsExactlyElementsOf(CrashWorkload.txs(h + 1).stream().map(RecoveredTx::hash).toList());
      } else {
        assertThat(applied).isEqualTo(CrashWorkload.commitIndex(h).index());
        assertThat(pooled).isEmpty();
      }

      // the head state: root from the model equals the header's; flat equals trie equals model
      Hash root = head.header().stateRoot();
      Map<Address, Account> all = new HashMap<>(model.accounts);
      Hash modelRoot =
          new TrieStateRootCalculator(new MerklePatriciaTrie(new InMemoryNodeStore(), NodeCache.disabled()))
              .prepare(Hash.EMPTY_TRIE, new StateDiff(all, model.storage, Map.of()))
              .root();
      assertThat(modelRoot).as("state root of the model at %s", h).isEqualTo(root);
      StateView flat = store.headState();
      StateView trie = store.stateAt(root).orElseThrow();
      List<Hash> slots = new ArrayList<>();
      for (int s = 0; s < CrashWorkload.SLOTS; s++) {
        slots.add(CrashWorkload.slot(s));
      }
      for (int i = 0; i < CrashWorkload.ADDRESSES; i++) {
        Address a = CrashWorkload.address(i);
        Account expected = model.accounts.get(a);
        Account fromFlat = flat.account(a);
        assertThat(fromFlat).isEqualTo(trie.account(a));
        assertThat(fromFlat == null).isEqualTo(expected == null);
        if (expected == null) {
          continue;
        }
        assertThat(fromFlat.nonce()).isEqualTo(expected.nonce());
        assertThat(fromFlat.balance()).isEqualTo(expected.balance());
        Map<Hash, Hash> expectedSlots = model.storage.getOrDefault(a, Map.of());
        if (!expectedSlots.isEmpty()) {
          for (Hash s : slots) {
            Hash v = expectedSlots.getOrDefault(s, Hash.ZERO);
            assertThat(flat.storage(a, s)).isEqualTo(v);
            assertThat(trie.storage(a, s)).isEqualTo(v);
          }
        }
      }
      assertThat(BlockCodec.hash(head.header())).isEqualTo(head.hash());
      LOG.info("verified head {} (reported {}, applied {})", h, reported, applied);
      return h;
    }
  }
}
