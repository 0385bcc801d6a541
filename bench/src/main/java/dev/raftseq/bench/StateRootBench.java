package dev.raftseq.bench;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.TrieStateRootCalculator;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.trie.InMemoryNodeStore;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.trie.NodeCache;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * State-root update time for blocks changing 1,000 accounts on top of a 100,000-account state in
 * RocksDB (the real {@code RocksChainStore} path: incremental {@code prepare}, then the synced
 * {@code commit}), against a full rebuild of the same state's trie from scratch in the same run.
 *
 * <p>Usage: {@code StateRootBench [accounts] [changedPerBlock] [blocks] [output file]}; defaults
 * 100000, 1000, 30, bench/results/state-root.txt.
 */
public final class StateRootBench {
  private static final long CHAIN_ID = 1337;

  private StateRootBench() {}

  public static void main(String[] args) throws IOException {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int changed = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
    int blocks = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    Path out = Path.of(args.length > 3 ? args[3] : "bench/results/state-root.txt");
    int warmup = 10;

    Random random = new Random(42);
    Map<Address, Account> state = new HashMap<>();
    List<Address> addresses = new ArrayList<>(accounts);
    for (int i = 0; i < accounts; i++) {
      byte[] a = new byte[20];
      random.nextBytes(a);
      Address address = new Address(a);
      addresses.add(address);
      state.put(address, new Account(0, Wei.of(1_000_000_000L + random.nextInt(1_000_000)), Hash.EMPTY_TRIE, Hash.EMPTY_CODE));
    }

    Path dir = Files.createTempDirectory("state-root-bench");
    StringBuilder report = new StringBuilder();
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN_ID)) {
      long t0 = System.nanoTime();
      PreparedState genesisState = store.prepare(Hash.EMPTY_TRIE, new StateDiff(new HashMap<>(state), Map.of(), Map.of()));
      long genesisPrepare = System.nanoTime() - t0;
      t0 = System.nanoTime();
      store.commit(commit(null, genesisState));
      long genesisCommit = System.nanoTime() - t0;

      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long[] prepare = new long[blocks];
      long[] prepareCpu = new long[blocks];
      long[] commit = new long[blocks];
      for (int b = 0; b < warmup + blocks; b++) {
        Map<Address, Account> diff = new HashMap<>();
        while (diff.size() < changed) {
          Address a = addresses.get(random.nextInt(accounts));
          Account old = state.get(a);
          Account updated = old.withNonce(old.nonce() + 1).withBalance(old.balance().add(Wei.of(random.nextInt(1000))));
          diff.put(a, updated);
        }
        state.putAll(diff);
        Block head = store.head();
        StateDiff stateDiff = new StateDiff(diff, Map.of(), Map.of());
        long c0 = threads.getCurrentThreadCpuTime();
        long p0 = System.nanoTime();
        PreparedState prepared = store.prepare(head.header().stateRoot(), stateDiff);
        long p1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        store.commit(commit(head, prepared));
        long p2 = System.nanoTime();
        if (b >= warmup) {
          prepare[b - warmup] = p1 - p0;
          prepareCpu[b - warmup] = c1 - c0;
          commit[b - warmup] = p2 - p1;
        }
      }
      Hash incrementalRoot = store.head().header().stateRoot();

      // baseline: the same final state's trie built from nothing, in memory (no I/O at all)
      long[] rebuild = new long[3];
      long[] rebuildCpu = new long[3];
      Hash rebuiltRoot = null;
      for (int i = 0; i < rebuild.length; i++) {
        TrieStateRootCalculator fresh =
            new TrieStateRootCalculator(new MerklePatriciaTrie(new InMemoryNodeStore(), NodeCache.disabled()));
        StateDiff all = new StateDiff(new HashMap<>(state), Map.of(), Map.of());
        long c0 = threads.getCurrentThreadCpuTime();
        long r0 = System.nanoTime();
        rebuiltRoot = fresh.prepare(Hash.EMPTY_TRIE, all).root();
        rebuild[i] = System.nanoTime() - r0;
        rebuildCpu[i] = threads.getCurrentThreadCpuTime() - c0;
      }
      if (!rebuiltRoot.equals(incrementalRoot)) {
        throw new IllegalStateException("incremental root " + incrementalRoot + " differs from rebuilt " + rebuiltRoot);
      }

      double prepMedian = median(prepare);
      double rebuildMedian = median(rebuild);
      report.append("# State root update: ").append(changed).append(" changed accounts per block on ")
          .append(accounts).append(" accounts (RocksChainStore in a temp dir)\n");
      report.append("date: ").append(Instant.now()).append('\n');
      report.append(MachineLine.describe());
      report.append(String.format(Locale.ROOT, "genesis (%d accounts): prepare %.0f ms, commit %.0f ms%n", accounts, ms(genesisPrepare), ms(genesisCommit)));
      report.append(String.format(Locale.ROOT, "blocks measured: %d (after %d warm-up blocks)%n", blocks, warmup));
      report.append(String.format(Locale.ROOT, "incremental prepare (state root): median %.2f ms, p90 %.2f ms, mean %.2f ms wall; median %.2f ms cpu%n",
          prepMedian, percentile(prepare, 0.9), mean(prepare), median(prepareCpu)));
      report.append(String.format(Locale.ROOT, "commit (one synced WriteBatch incl. block): median %.2f ms, p90 %.2f ms%n",
          median(commit), percentile(commit, 0.9)));
      report.append(String.format(Locale.ROOT, "prepare + commit: %.1f blocks/s (%.0f changed accounts/s)%n",
          1000.0 / (mean(prepare) + mean(commit)), changed * 1000.0 / (mean(prepare) + mean(commit))));
      report.append(String.format(Locale.ROOT, "baseline full rebuild of the %d-account trie (in memory, no I/O): median %.0f ms wall, %.0f ms cpu%n",
          accounts, rebuildMedian, median(rebuildCpu)));
      report.append(String.format(Locale.ROOT, "speed-up incremental vs rebuild: %.1fx wall, %.1fx cpu%n",
          rebuildMedian / prepMedian, median(rebuildCpu) / median(prepareCpu)));
      report.append("node cache: ").append(store.cacheStats()).append('\n');
      report.append("final root: ").append(incrementalRoot).append(" (equal to the rebuilt root)\n");
    } finally {
      deleteRecursively(dir);
    }
    System.out.print(report);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, report);
    System.out.println("written to " + out.toAbsolutePath());
  }

  private static BlockCommit commit(Block parent, PreparedState state) {
    long number = parent == null ? 0 : parent.number() + 1;
    Header h =
        new Header(
            parent == null ? Hash.ZERO : parent.hash(),
            Hash.EMPTY_LIST,
            Address.ZERO,
            state.root(),
            Hash.EMPTY_TRIE,
            Hash.EMPTY_TRIE,
            new byte[Header.BLOOM_BYTES],
            0,
            number,
            30_000_000,
            0,
            1_700_000_000L + number,
            new byte[0],
            Hash.ZERO,
            0,
            Wei.of(1_000_000_000L),
            Hash.EMPTY_TRIE,
            0,
            0,
            Hash.ZERO);
    return new BlockCommit(BlockCodec.block(h, List.of()), List.of(), state, null);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double median(long[] v) {
    return percentile(v, 0.5);
  }

  private static double percentile(long[] v, double p) {
    long[] s = v.clone();
    Arrays.sort(s);
    return ms(s[Math.min(s.length - 1, (int) Math.floor(p * s.length))]);
  }

  private static double mean(long[] v) {
    return ms((long) Arrays.stream(v).average().orElse(0));
  }


  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
