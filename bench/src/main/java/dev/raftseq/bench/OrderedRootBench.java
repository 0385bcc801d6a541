package dev.raftseq.bench;

import dev.raftseq.chain.trie.OrderedTrie;
import dev.raftseq.chain.types.Hash;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * A block's transactions or receipts root ({@code OrderedTrie.root}, a stack trie) against the
 * general-trie path it replaced (every rlp(i) put into an empty transient trie), in the same run:
 * 1,000 and 5,000 values of 110 bytes (a signed EIP-1559 transfer) and 200 bytes (a receipt).
 * Rounds alternate the two paths after a warm-up; reports the median µs per root (wall and thread
 * CPU) and bytes allocated per root, next to the CPU time of one Keccak per value alone.
 *
 * <p>Usage: {@code OrderedRootBench [output file]}; default bench/results/ordered-root.txt.
 */
public final class OrderedRootBench {
  private static final int ROUNDS = 15;
  private static final long WARMUP_NANOS = 1_500_000_000L;
  private static final long ROUND_NANOS = 100_000_000L;

  private OrderedRootBench() {}

  /** What the general path cost is measured on: the pre-StackTrie body of OrderedTrie.root. */
  static Hash generalRoot(List<byte[]> values) {
    return OrderedTrie.rootByGeneralTrie(values);
  }

  /**
   * A floor for any exact builder: one Keccak per value (each leaf of these values is at least 32
   * bytes, so it is hashed), without the branches.
   */
  static Hash keccakFloor(List<byte[]> values) {
    KeccakDigest keccak = new KeccakDigest(256);
    byte[] h = new byte[32];
    for (byte[] v : values) {
      keccak.update(v, 0, v.length);
      keccak.doFinal(h, 0);
    }
    return new Hash(h);
  }

  private record Sample(double wallMicros, double cpuMicros, double bytes) {}

  private interface RootFn {
    Hash root(List<byte[]> values);
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/results/ordered-root.txt");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    StringBuilder report = new StringBuilder();
    report.append("# Ordered trie root (transactions/receipts root): StackTrie vs the general trie\n");
    report.append("date: ").append(Instant.now()).append('\n');
    report.append(MachineLine.describe());
    report.append(String.format(Locale.ROOT,
        "method: per case %.1f s warm-up, then %d rounds of ~%d ms per path, the paths in turn; medians over rounds%n",
        WARMUP_NANOS / 1e9, ROUNDS, ROUND_NANOS / 1_000_000));
    report.append(String.format(Locale.ROOT, "%-22s %12s %12s %8s %12s %12s %8s %14s %14s %12s%n",
        "case", "general µs", "stack µs", "ratio", "general cpu", "stack cpu", "ratio", "general B/root", "stack B/root", "keccak cpu"));
    Random random = new Random(42);
    for (int valueSize : new int[] {110, 200}) {
      for (int n : new int[] {1_000, 5_000}) {
        List<byte[]> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          byte[] v = new byte[valueSize];
          random.nextBytes(v);
          values.add(v);
        }
        Hash expected = generalRoot(values);
        if (!OrderedTrie.root(values).equals(expected)) {
          throw new IllegalStateException("roots differ for n=" + n + " size=" + valueSize);
        }
        long until = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < until) {
          generalRoot(values);
          OrderedTrie.root(values);
        }
        Sample[] general = new Sample[ROUNDS];
        Sample[] stack = new Sample[ROUNDS];
        Sample[] floor = new Sample[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
          general[r] = round(threads, OrderedRootBench::generalRoot, values, expected);
          stack[r] = round(threads, OrderedTrie::root, values, expected);
          floor[r] = round(threads, OrderedRootBench::keccakFloor, values, keccakFloor(values));
        }
        double gw = median(general, Sample::wallMicros);
        double sw = median(stack, Sample::wallMicros);
        double gc = median(general, Sample::cpuMicros);
        double sc = median(stack, Sample::cpuMicros);
        report.append(String.format(Locale.ROOT, "%-22s %12.0f %12.0f %7.1fx %12.0f %12.0f %7.1fx %14.0f %14.0f %12.0f%n",
            String.format(Locale.ROOT, "%,d x %d B", n, valueSize), gw, sw, gw / sw, gc, sc, gc / sc,
            median(general, Sample::bytes), median(stack, Sample::bytes), median(floor, Sample::cpuMicros)));
      }
    }
    report.append("ratio: general / stack (higher is faster for the stack trie); roots checked equal;\n");
    report.append("keccak cpu: one Keccak per value and nothing else, a floor under either path\n");
    System.out.print(report);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, report);
    System.out.println("written to " + out.toAbsolutePath());
  }

  /** Runs one path for about {@link #ROUND_NANOS}; per-root averages of that round. */
  private static Sample round(
      com.sun.management.ThreadMXBean threads, RootFn fn, List<byte[]> values, Hash expected) {
    long tid = Thread.currentThread().getId();
    long a0 = threads.getThreadAllocatedBytes(tid);
    long c0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long end = t0 + ROUND_NANOS;
    int count = 0;
    Hash last;
    do {
      last = fn.root(values);
      count++;
    } while (System.nanoTime() < end);
    long wall = System.nanoTime() - t0;
    long cpu = threads.getCurrentThreadCpuTime() - c0;
    long bytes = threads.getThreadAllocatedBytes(tid) - a0;
    if (!last.equals(expected)) {
      throw new IllegalStateException("root changed");
    }
    return new Sample(wall / 1e3 / count, cpu / 1e3 / count, (double) bytes / count);
  }

  private static double median(Sample[] samples, java.util.function.ToDoubleFunction<Sample> f) {
    double[] v = Arrays.stream(samples).mapToDouble(f).sorted().toArray();
    return v[v.length / 2];
  }

}
