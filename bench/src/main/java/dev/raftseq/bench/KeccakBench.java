package dev.raftseq.bench;

import dev.raftseq.evm.Keccak;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * One-shot Keccak-256 ({@code dev.raftseq.evm.Keccak}, which {@code chain.crypto.Keccak} calls) against BouncyCastle's {@code KeccakDigest}, the
 * implementation it replaced, in the same run, on the input sizes a node hashes most: 32 bytes
 * (keys, storage slots), 110 (a signed transfer), 200 (a receipt) and 532 (a full branch node).
 * Rounds alternate the two after a warm-up; reports the median thread-CPU ns per hash.
 *
 * <p>Usage: {@code KeccakBench [output file]}; default bench/results/keccak.txt.
 */
public final class KeccakBench {
  private static final int ROUNDS = 15;
  private static final int HASHES_PER_ROUND = 100_000;

  private KeccakBench() {}

  static byte[] bouncyCastle(byte[] in) {
    KeccakDigest d = new KeccakDigest(256);
    d.update(in, 0, in.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  private interface HashFn {
    byte[] hash(byte[] in);
  }

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/results/keccak.txt");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    StringBuilder report = new StringBuilder();
    report.append("# Keccak-256, one-shot: evm.Keccak vs BouncyCastle KeccakDigest\n");
    report.append("date: ").append(Instant.now()).append('\n');
    report.append(MachineLine.describe());
    report.append(String.format(Locale.ROOT, "method: per size 2 s warm-up, then %d rounds of %,d hashes per"
        + " implementation in turn; median thread-CPU ns per hash%n", ROUNDS, HASHES_PER_ROUND));
    report.append(String.format(Locale.ROOT, "%-8s %16s %16s %8s%n", "bytes", "BouncyCastle ns", "Keccak ns", "ratio"));
    Random random = new Random(42);
    for (int size : new int[] {32, 110, 200, 532}) {
      byte[][] inputs = new byte[1024][];
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = new byte[size];
        random.nextBytes(inputs[i]);
        if (!Arrays.equals(bouncyCastle(inputs[i]), Keccak.digest(inputs[i]))) {
          throw new IllegalStateException("digests differ for a " + size + "-byte input");
        }
      }
      long until = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < until) {
        round(threads, KeccakBench::bouncyCastle, inputs);
        round(threads, Keccak::digest, inputs);
      }
      double[] bc = new double[ROUNDS];
      double[] ours = new double[ROUNDS];
      for (int r = 0; r < ROUNDS; r++) {
        bc[r] = round(threads, KeccakBench::bouncyCastle, inputs);
        ours[r] = round(threads, Keccak::digest, inputs);
      }
      Arrays.sort(bc);
      Arrays.sort(ours);
      double b = bc[ROUNDS / 2];
      double o = ours[ROUNDS / 2];
      report.append(String.format(Locale.ROOT, "%-8d %16.0f %16.0f %7.2fx%n", size, b, o, b / o));
    }
    report.append("ratio: BouncyCastle / Keccak (higher is faster for ours); digests checked equal\n");
    System.out.print(report);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, report);
    System.out.println("written to " + out.toAbsolutePath());
  }

  /** Thread-CPU ns per hash over one round. */
  private static double round(com.sun.management.ThreadMXBean threads, HashFn fn, byte[][] inputs) {
    long c0 = threads.getCurrentThreadCpuTime();
    int sink = 0;
    for (int i = 0; i < HASHES_PER_ROUND; i++) {
      sink += fn.hash(inputs[i & 1023])[0];
    }
    long cpu = threads.getCurrentThreadCpuTime() - c0;
    if (sink == 42) {
      System.out.print(""); // keeps the results live
    }
    return (double) cpu / HASHES_PER_ROUND;
  }
}
