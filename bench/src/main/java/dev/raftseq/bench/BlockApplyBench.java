package dev.raftseq.bench;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.BlockImporter;
import dev.raftseq.chain.exec.BlockSealer;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.genesis.DevKeys;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Signature;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Block apply throughput on RocksDB: blocks of N value transfers from N distinct dev-derived
 * senders (mnemonic indices 10..N+9, prefunded through {@code devAccounts}), each to its own
 * recipient, so a block touches 2N+1 accounts.
 *
 * <p>A producer store builds, seals and commits each block (the leader's path); a follower store
 * decodes the block's bytes (recovering every sender, as a block arriving from the Raft log is),
 * verifies it by re-execution and commits it (every other node's path). The first blocks warm
 * the JIT and are not counted. Prints a summary and writes it to the output file.
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests
 * java -cp "bench/target/classes:$(cat bench/cp.txt)" dev.raftseq.bench.BlockApplyBench \
 *     [blocks=30] [txs=1000] [warmup=5] [genesis=local-chains/genesis.json] [out=bench/results/block-apply.txt]
 * </pre>
 */
public final class BlockApplyBench {
  private static final Wei GWEI = Wei.of(1_000_000_000L);
  private static final Wei SENDER_BALANCE = Wei.of(BigInteger.TEN.pow(21)); // 1000 ETH
  private static final Address COINBASE = Address.fromHex("0xc0ffee000000000000000000000000000000c0de");

  private record Options(int blocks, int txs, int warmup, Path genesis, Path out) {
    static Options parse(String[] args) {
      int blocks = 30;
      int txs = 1000;
      int warmup = 5;
      Path genesis = Path.of("local-chains", "genesis.json");
      Path out = Path.of("bench", "results", "block-apply.txt");
      for (String a : args) {
        String[] kv = a.split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("expected key=value, got " + a);
        }
        switch (kv[0]) {
          case "blocks" -> blocks = Integer.parseInt(kv[1]);
          case "txs" -> txs = Integer.parseInt(kv[1]);
          case "warmup" -> warmup = Integer.parseInt(kv[1]);
          case "genesis" -> genesis = Path.of(kv[1]);
          case "out" -> out = Path.of(kv[1]);
          default -> throw new IllegalArgumentException("unknown option " + kv[0]);
        }
      }
      if (blocks <= warmup || txs <= 0 || warmup < 0) {
        throw new IllegalArgumentException("need blocks > warmup >= 0 and txs > 0");
      }
      return new Options(blocks, txs, warmup, genesis, out);
    }
  }

  /** Wall and main-thread CPU milliseconds of one phase, one entry per measured block. */
  private record Phase(String name, List<Double> wall, List<Double> cpu) {
    Phase(String name) {
      this(name, new ArrayList<>(), new ArrayList<>());
    }
  }

  /** Reads both clocks; {@link #lap} records the time since the previous reading. */
  private static final class Stopwatch {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long wall;
    private long cpu;

    void start() {
      wall = System.nanoTime();
      cpu = threads.getCurrentThreadCpuTime();
    }

    void lap(Phase phase, boolean record) {
      long w = System.nanoTime();
      long c = threads.getCurrentThreadCpuTime();
      if (record) {
        phase.wall().add((w - wall) / 1e6);
        phase.cpu().add((c - cpu) / 1e6);
      }
      wall = w;
      cpu = c;
    }
  }

  private BlockApplyBench() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    GenesisSpec spec = GenesisSpec.read(o.genesis()).withDevAccounts(o.txs(), SENDER_BALANCE);
    long chainId = spec.chainId();
    NodeKey sequencer = NodeKey.fromPrivateKey(DevKeys.privateKey(0));

    long t = System.nanoTime();
    List<List<RecoveredTx>> blocks = signTransfers(chainId, o.txs(), o.blocks());
    double signSeconds = (System.nanoTime() - t) / 1e9;

    Path producerDir = Files.createTempDirectory("block-apply-producer");
    Path followerDir = Files.createTempDirectory("block-apply-follower");
    Phase build = new Phase("leader: build");
    Phase seal = new Phase("leader: seal");
    Phase produceCommit = new Phase("leader: commit");
    Phase decode = new Phase("follower: decode + recover senders");
    Phase verify = new Phase("follower: verify (re-execute)");
    Phase applyCommit = new Phase("follower: commit");
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Stopwatch watch = new Stopwatch();
    int included;
    try (RocksChainStore producer = RocksChainStore.open(producerDir, chainId);
        RocksChainStore follower = RocksChainStore.open(followerDir, chainId)) {
      t = System.nanoTime();
      commitGenesis(spec, producer);
      commitGenesis(spec, follower);
      double genesisSeconds = (System.nanoTime() - t) / 1e9;
      System.out.printf(Locale.ROOT, "signed %d txs in %.1f s, two genesis states with %d accounts in %.1f s%n",
          o.txs() * o.blocks(), signSeconds, 10 + o.txs(), genesisSeconds);

      BlockBuilder builder = new BlockBuilder(producer);
      BlockImporter importer = new BlockImporter(follower, chainId, sequencer.address()::equals);
      long millis = (spec.timestamp() + 1) * 1000;
      included = 0;
      for (int b = 0; b < o.blocks(); b++) {
        Block parent = producer.head();
        BlockContext ctx = BlockContext.childOf(chainId, parent, millis + b * 1000L, COINBASE);

        boolean measured = b >= o.warmup();
        watch.start();
        BuiltBlock built = builder.build(parent.header(), producer.headState(), ctx, new ListCandidates(blocks.get(b)), o.txs());
        watch.lap(build, measured);
        Block sealed = BlockSealer.seal(built, parent.header(), sequencer, 1);
        watch.lap(seal, measured);
        producer.commit(new BlockCommit(sealed, built.receipts(), built.state(), new AppliedIndex(1, b + 1)));
        watch.lap(produceCommit, measured);
        if (built.included().size() != o.txs()) {
          throw new IllegalStateException("block " + (b + 1) + " included " + built.included().size() + " of " + o.txs()
              + " transfers; first rejection: " + (built.rejected().isEmpty() ? "none" : built.rejected().get(0)));
        }

        byte[] wire = BlockCodec.encodeBlock(sealed);
        watch.start();
        Block received = BlockCodec.decodeBlock(wire, chainId);
        watch.lap(decode, measured);
        BlockCommit verified = importer.verify(received, follower.head().header(), follower.headState(), new AppliedIndex(1, b + 1));
        watch.lap(verify, measured);
        follower.commit(verified);
        watch.lap(applyCommit, measured);
        if (measured) {
          included += built.included().size();
        }
      }
      if (!follower.head().hash().equals(producer.head().hash())) {
        throw new IllegalStateException("follower head differs from the producer's");
      }
    } finally {
      deleteRecursively(producerDir);
      deleteRecursively(followerDir);
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String report =
        report(o, List.of(build, seal, produceCommit, decode, verify, applyCommit), included, loadBefore, loadAfter);
    System.out.print(report);
    Files.createDirectories(o.out().toAbsolutePath().getParent());
    Files.writeString(o.out(), report);
    System.out.println("written to " + o.out());
  }

  /** Block b holds one transfer from each sender, nonce b, to that sender's own recipient. */
  private static List<List<RecoveredTx>> signTransfers(long chainId, int senders, int blocks) {
    List<byte[]> keys = new ArrayList<>(senders);
    for (int s = 0; s < senders; s++) {
      keys.add(DevKeys.privateKey(DevKeys.WELL_KNOWN + s));
    }
    Signature none = new Signature(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    List<List<RecoveredTx>> out = new ArrayList<>(blocks);
    for (int b = 0; b < blocks; b++) {
      List<RecoveredTx> txs = new ArrayList<>(senders);
      for (int s = 0; s < senders; s++) {
        Transaction unsigned =
            new Transaction(TxType.EIP1559, chainId, b, GWEI, GWEI.multiply(10), 21_000, recipient(s), Wei.of(1 + b),
                new byte[0], List.of(), none);
        txs.add(TransactionCodec.sign(unsigned, keys.get(s)));
      }
      out.add(txs);
    }
    return out;
  }

  private static Address recipient(int s) {
    byte[] a = new byte[20];
    a[0] = (byte) 0xbe;
    a[16] = (byte) (s >>> 24);
    a[17] = (byte) (s >>> 16);
    a[18] = (byte) (s >>> 8);
    a[19] = (byte) s;
    return new Address(a);
  }

  private static void commitGenesis(GenesisSpec spec, RocksChainStore store) {
    GenesisResult g = Genesis.build(spec, store);
    store.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
  }

  private static String report(Options o, List<Phase> phases, int included, double loadBefore, double loadAfter) {
    int n = phases.get(0).wall().size();
    StringBuilder s = new StringBuilder();
    s.append("# BlockApplyBench ").append(Instant.now()).append('\n');
    s.append(String.format(Locale.ROOT,
        "# %d blocks of %d transfers from %d distinct senders to %d recipients (after %d warm-up blocks), RocksChainStore, synced writes%n",
        n, o.txs(), o.txs(), o.txs(), o.warmup()));
    s.append(String.format(Locale.ROOT, "# java %s, %d cpus, max heap %d MiB, load average %.1f before, %.1f after%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, loadBefore, loadAfter));
    s.append("# wall = elapsed time; cpu = CPU time of the calling thread (RocksDB background threads and fsync waits excluded),\n");
    s.append("# the better measure of the code's cost on a machine shared with other work\n");
    s.append(String.format(Locale.ROOT, "%-36s %9s %9s %9s %9s | %9s %9s%n",
        "phase (ms per block)", "wall mean", "median", "p90", "max", "cpu mean", "median"));
    for (Phase p : phases) {
      List<Double> w = p.wall().stream().sorted().toList();
      List<Double> c = p.cpu().stream().sorted().toList();
      s.append(String.format(Locale.ROOT, "%-36s %9.2f %9.2f %9.2f %9.2f | %9.2f %9.2f%n", p.name(), mean(w), w.get(w.size() / 2),
          w.get((int) Math.ceil(w.size() * 0.9) - 1), w.get(w.size() - 1), mean(c), c.get(c.size() / 2)));
    }
    throughput(s, "build+seal", n, included, phases.get(0), phases.get(1));
    throughput(s, "verify+commit", n, included, phases.get(4), phases.get(5));
    throughput(s, "decode+verify+commit", n, included, phases.get(3), phases.get(4), phases.get(5));
    return s.toString();
  }

  private static void throughput(StringBuilder s, String what, int blocks, int txs, Phase... phases) {
    double wall = 0;
    double cpu = 0;
    for (Phase p : phases) {
      wall += p.wall().stream().mapToDouble(Double::doubleValue).sum();
      cpu += p.cpu().stream().mapToDouble(Double::doubleValue).sum();
    }
    s.append(String.format(Locale.ROOT, "%-22s wall: %7.1f blocks/s %8.0f tx/s | cpu: %7.1f blocks/s %8.0f tx/s%n",
        what + ":", blocks * 1000 / wall, txs * 1000 / wall, blocks * 1000 / cpu, txs * 1000 / cpu));
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(0);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** The block's candidates in order (every transfer is valid; a refusal fails the run above). */
  private static final class ListCandidates implements TxCandidates {
    private final List<RecoveredTx> txs;
    private int next;

    ListCandidates(List<RecoveredTx> txs) {
      this.txs = txs;
    }

    @Override
    public RecoveredTx next() {
      return next < txs.size() ? txs.get(next++) : null;
    }

    @Override
    public void skipSender(Address sender) {
      // one transfer per sender per block: nothing later to skip
    }
  }
}
