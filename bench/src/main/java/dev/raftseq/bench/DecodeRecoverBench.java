package dev.raftseq.bench;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SignatureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.utils.Numeric;

/**
 * Throughput of the transaction admission hot path, single-threaded: {@code decodeStrict} (strict
 * RLP, range checks, native libsecp256k1 sender recovery) against web3j's BouncyCastle recovery
 * ({@code Sign.signedMessageHashToKey}) in the same run, plus, for context, native recovery alone
 * and web3j's own decode-and-recover ({@code TransactionDecoder} + {@code getFrom}).
 *
 * <p>Run from the project root:
 *
 * <pre>
 * mvn -q -pl chain,bench package dependency:build-classpath -Dmdep.outputFile=target/cp.txt -DskipTests
 * java -cp bench/target/classes:$(cat bench/target/cp.txt) dev.raftseq.bench.DecodeRecoverBench [output-file]
 * </pre>
 *
 * Results are printed and written to {@code bench/results/decode-recover.txt} (or the given file).
 */
public final class DecodeRecoverBench {
  private static final int TXS = 20_000;
  private static final int KEYS = 64;
  private static final long CHAIN_ID = 1337;
  private static final int WARMUP_ROUNDS = 2;
  private static final int ROUNDS = 5;
  private static final double LOAD_AT_START =
      ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

  private DecodeRecoverBench() {}

  /** What each measured loop needs, prepared before timing starts. */
  private record Fixture(List<byte[]> raw, List<String> rawHex, List<byte[]> signingHashes,
      List<Sign.SignatureData> web3jSignatures, List<byte[]> compactSignatures, int[] recIds,
      List<Address> senders) {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "bench/results/decode-recover.txt");
    long t0 = System.nanoTime();
    Fixture f = prepare();
    double prepSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "signed %d transactions over %d keys in %.1f s%n", TXS, KEYS, prepSeconds);

    // the four loops run interleaved, round by round, so they share whatever load the machine has;
    // throughput is reported per second of thread CPU time (robust on a shared machine) and wall time
    List<Loop> loops = List.of(() -> decodeStrictAll(f), () -> web3jRecoverAll(f), () -> nativeRecoverAll(f),
        () -> web3jDecodeAll(f));
    List<String> names = List.of("decodeStrict + native recovery", "web3j Sign.signedMessageHashToKey",
        "native recovery alone", "web3j TransactionDecoder + getFrom");
    double[][] rates = measure(names, loops);
    double[] cpu = rates[0];
    double[] wall = rates[1];

    String report = String.format(Locale.ROOT,
        "DecodeRecoverBench %s%n"
            + "java %s on %d cores (%s), load average %.1f at start, %d transactions (EIP-1559 transfers)%n"
            + "over %d keys, single thread, loops interleaved, best of %d rounds after %d warm-up rounds.%n"
            + "tx/s per second of thread CPU time (wall-clock tx/s in brackets)%n%n"
            + "decodeStrict + native recovery      %,10.0f tx/s  [%,8.0f]%n"
            + "web3j signedMessageHashToKey (BC)   %,10.0f tx/s  [%,8.0f]  (recovery only, hash precomputed)%n"
            + "ratio decodeStrict / web3j recovery %10.2fx%n%n"
            + "native recovery alone               %,10.0f tx/s  [%,8.0f]%n"
            + "ratio native / web3j recovery       %10.2fx%n"
            + "web3j TransactionDecoder + getFrom  %,10.0f tx/s  [%,8.0f]%n"
            + "ratio decodeStrict / web3j decode   %10.2fx%n",
        Instant.now(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.arch"), LOAD_AT_START, TXS, KEYS, ROUNDS, WARMUP_ROUNDS,
        cpu[0], wall[0], cpu[1], wall[1], cpu[0] / cpu[1],
        cpu[2], wall[2], cpu[2] / cpu[1], cpu[3], wall[3], cpu[0] / cpu[3]);
    System.out.println();
    System.out.print(report);
    write(out, report);
    System.out.println("written to " + out.toAbsolutePath());
  }

  private static Fixture prepare() {
    Random rnd = new Random(42);
    List<byte[]> keys = new ArrayList<>();
    while (keys.size() < KEYS) {
      byte[] k = new byte[32];
      rnd.nextBytes(k);
      BigInteger v = new BigInteger(1, k);
      if (v.signum() > 0 && v.compareTo(Secp256k1.N) < 0) {
        keys.add(k);
      }
    }
    List<byte[]> raw = new ArrayList<>(TXS);
    List<String> rawHex = new ArrayList<>(TXS);
    List<byte[]> hashes = new ArrayList<>(TXS);
    List<Sign.SignatureData> web3jSigs = new ArrayList<>(TXS);
    List<byte[]> compact = new ArrayList<>(TXS);
    int[] recIds = new int[TXS];
    List<Address> senders = new ArrayList<>(TXS);
    byte[] to = new byte[20];
    for (int i = 0; i < TXS; i++) {
      byte[] key = keys.get(i % KEYS);
      rnd.nextBytes(to);
      Transaction unsigned = new Transaction(TxType.EIP1559, CHAIN_ID, i / KEYS, Wei.of(1_000_000_000L),
          Wei.of(30_000_000_000L), 21_000, new Address(to), Wei.of(1 + rnd.nextInt(1_000_000)), new byte[0],
          List.of(), null);
      RecoveredTx tx = TransactionCodec.sign(unsigned, key);
      byte[] r = Numeric.toBytesPadded(tx.tx().signature().r(), 32);
      byte[] s = Numeric.toBytesPadded(tx.tx().signature().s(), 32);
      int recId = tx.tx().signature().recoveryId();
      raw.add(tx.encoded());
      rawHex.add(Numeric.toHexString(tx.encoded()));
      hashes.add(TransactionCodec.signingHash(tx.tx()).bytes());
      web3jSigs.add(new Sign.SignatureData((byte) (27 + recId), r, s));
      byte[] c = Arrays.copyOf(r, 64);
      System.arraycopy(s, 0, c, 32, 32);
      compact.add(c);
      recIds[i] = recId;
      senders.add(tx.sender());
    }
    return new Fixture(raw, rawHex, hashes, web3jSigs, compact, recIds, senders);
  }

  /** A loop over all transactions that fails loudly if any result is wrong. */
  private interface Loop {
    void run() throws Exception;
  }

  /** Best rates of each loop: [0] per CPU second, [1] per wall second. */
  private static double[][] measure(List<String> names, List<Loop> loops) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < WARMUP_ROUNDS; i++) {
      for (Loop loop : loops) {
        loop.run();
      }
    }
    double[] bestCpu = new double[loops.size()];
    double[] bestWall = new double[loops.size()];
    for (int round = 1; round <= ROUNDS; round++) {
      for (int l = 0; l < loops.size(); l++) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        loops.get(l).run();
        double cpuRate = TXS / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        double wallRate = TXS / ((System.nanoTime() - wallStart) / 1e9);
        bestCpu[l] = Math.max(bestCpu[l], cpuRate);
        bestWall[l] = Math.max(bestWall[l], wallRate);
        System.out.printf(Locale.ROOT, "round %d  %-36s %,10.0f tx/s cpu  %,10.0f tx/s wall%n", round,
            names.get(l), cpuRate, wallRate);
      }
    }
    return new double[][] {bestCpu, bestWall};
  }

  private static void decodeStrictAll(Fixture f) throws DecodeException {
    for (int i = 0; i < TXS; i++) {
      RecoveredTx tx = TransactionCodec.decodeStrict(f.raw().get(i), CHAIN_ID);
      check(tx.sender().equals(f.senders().get(i)), i);
    }
  }

  private static void nativeRecoverAll(Fixture f) {
    for (int i = 0; i < TXS; i++) {
      Address a = Secp256k1.recoverAddress(f.signingHashes().get(i), f.compactSignatures().get(i), f.recIds()[i]);
      check(a.equals(f.senders().get(i)), i);
    }
  }

  private static void web3jRecoverAll(Fixture f) throws SignatureException {
    for (int i = 0; i < TXS; i++) {
      BigInteger pub = Sign.signedMessageHashToKey(f.signingHashes().get(i), f.web3jSignatures().get(i));
      check(Arrays.equals(Numeric.hexStringToByteArray(Keys.getAddress(pub)), f.senders().get(i).unsafeBytes()), i);
    }
  }

  private static void web3jDecodeAll(Fixture f) throws SignatureException {
    for (int i = 0; i < TXS; i++) {
      SignedRawTransaction tx = (SignedRawTransaction) TransactionDecoder.decode(f.rawHex().get(i));
      check(tx.getFrom().equalsIgnoreCase(f.senders().get(i).toHex()), i);
    }
  }

  private static void check(boolean ok, int i) {
    if (!ok) {
      throw new IllegalStateException("wrong sender recovered for transaction " + i);
    }
  }

  private static void write(Path out, String report) throws IOException {
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, report, StandardCharsets.UTF_8);
  }
}
