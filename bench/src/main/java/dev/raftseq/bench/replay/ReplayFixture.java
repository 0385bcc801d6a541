package dev.raftseq.bench.replay;

import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.exec.BlockContext;
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
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Signature;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Generates a chain of sealed blocks of transfers straight into a RocksDB, as fast as building,
 * sealing and committing go (no 250 ms block time): blocks of {@code txs} EIP-1559 transfers from
 * {@code senders} dev accounts in turn (mnemonic indices 10.., funded in genesis), sealed by dev
 * key 0. The directory gets a {@code fixture.properties}; a later run with the same parameters
 * reuses it (with the blocks earlier runs appended).
 */
public final class ReplayFixture {
  public static final Wei GWEI = Wei.of(1_000_000_000L);
  public static final Wei SENDER_BALANCE = Wei.of(BigInteger.TEN.pow(21));
  private static final Address COINBASE = Address.fromHex("0xc0ffee000000000000000000000000000000c0de");

  /** What identifies a fixture. */
  public record Params(int blocks, int txs, int senders, Path genesis) {
    public Params {
      if (blocks < 1 || txs < 0 || txs > senders) {
        throw new IllegalArgumentException("need blocks >= 1 and 0 <= txs <= senders");
      }
    }

    String describe() {
      return String.format(Locale.ROOT, "blocks=%d%ntxs=%d%nsenders=%d%ngenesis=%s%n", blocks, txs, senders,
          genesis.toAbsolutePath().normalize());
    }
  }

  private ReplayFixture() {}

  public static NodeKey sequencer() {
    return NodeKey.fromPrivateKey(DevKeys.privateKey(0));
  }

  public static GenesisSpec spec(Params p) throws IOException {
    return GenesisSpec.read(p.genesis()).withDevAccounts(p.senders(), SENDER_BALANCE);
  }

  /** Opens the fixture in {@code dir}, generating it first unless it is there with these parameters. */
  public static RocksChainStore openOrGenerate(Path dir, Params p) throws IOException {
    Path marker = dir.resolve("fixture.properties");
    GenesisSpec spec = spec(p);
    if (Files.exists(marker) && Files.readString(marker).equals(p.describe())) {
      RocksChainStore store = RocksChainStore.open(dir.resolve("db"), spec.chainId());
      // a bench run appends the blocks of its following phase, so a reused fixture may be longer
      if (store.head().number() >= p.blocks()) {
        System.out.printf(Locale.ROOT, "reusing fixture %s: %d blocks of %d transfers%n", dir, store.head().number(), p.txs());
        return store;
      }
      store.close();
    }
    deleteRecursively(dir);
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    RocksChainStore store = RocksChainStore.open(dir.resolve("db"), spec.chainId());
    GenesisResult g = Genesis.build(spec, store);
    store.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
    Producer producer = new Producer(store, spec, p);
    for (int b = 1; b <= p.blocks(); b++) {
      producer.produce();
      if (b % 2000 == 0) {
        System.out.printf(Locale.ROOT, "fixture: %d / %d blocks (%.0f s)%n", b, p.blocks(), (System.nanoTime() - t0) / 1e9);
      }
    }
    Files.writeString(marker, p.describe(), StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "generated fixture %s: %d blocks of %d transfers in %.1f s%n", dir, p.blocks(), p.txs(),
        (System.nanoTime() - t0) / 1e9);
    return store;
  }

  /** Builds, seals and commits the next block of transfers on a store's head (nonces read from its state). */
  public static final class Producer {
    private final RocksChainStore store;
    private final GenesisSpec spec;
    private final Params p;
    private final List<byte[]> keys;
    private final long[] nonces;
    private final BlockBuilder builder;
    private final NodeKey sealer = sequencer();
    private int nextSender;

    public Producer(RocksChainStore store, GenesisSpec spec, Params p) {
      this.store = store;
      this.spec = spec;
      this.p = p;
      this.keys = IntStream.range(0, p.senders()).parallel().mapToObj(s -> DevKeys.privateKey(DevKeys.WELL_KNOWN + s)).toList();
      this.nonces = new long[p.senders()];
      for (int s = 0; s < p.senders(); s++) {
        var account = store.headState().account(NodeKey.fromPrivateKey(keys.get(s)).address());
        nonces[s] = account == null ? 0 : account.nonce();
      }
      this.builder = new BlockBuilder(store);
      this.nextSender = (int) ((store.head().number() * p.txs()) % p.senders());
    }

    public Block produce() {
      // each sender at most once per block (txs <= senders), so its nonces follow block order
      int[] who = new int[p.txs()];
      long[] nonce = new long[p.txs()];
      for (int i = 0; i < p.txs(); i++) {
        who[i] = (nextSender + i) % p.senders();
        nonce[i] = nonces[who[i]]++;
      }
      nextSender = (nextSender + p.txs()) % p.senders();
      List<RecoveredTx> txs = IntStream.range(0, p.txs()).parallel()
          .mapToObj(i -> transfer(spec.chainId(), keys.get(who[i]), who[i], nonce[i])).toList();
      Block parent = store.head();
      long number = parent.number() + 1;
      BlockContext ctx = BlockContext.childOf(spec.chainId(), parent, (spec.timestamp() + 1) * 1000 + 250L * number, COINBASE);
      BuiltBlock built = builder.build(parent.header(), store.headState(), ctx, candidates(txs), p.txs());
      if (built.included().size() != p.txs()) {
        throw new IllegalStateException("block " + number + " included " + built.included().size() + " of " + p.txs()
            + "; first rejection: " + (built.rejected().isEmpty() ? "none" : built.rejected().get(0)));
      }
      Block sealed = BlockSealer.seal(built, parent.header(), sealer, 1);
      store.commit(new BlockCommit(sealed, built.receipts(), built.state(), null));
      return sealed;
    }
  }

  private static RecoveredTx transfer(long chainId, byte[] key, int s, long nonce) {
    Signature none = new Signature(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    Transaction unsigned = new Transaction(TxType.EIP1559, chainId, nonce, GWEI, GWEI.multiply(10), 21_000,
        recipient(s), Wei.of(1), new byte[0], List.of(), none);
    return TransactionCodec.sign(unsigned, key);
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

  private static TxCandidates candidates(List<RecoveredTx> txs) {
    Deque<RecoveredTx> queue = new ArrayDeque<>(txs);
    return new TxCandidates() {
      @Override
      public RecoveredTx next() {
        return queue.poll();
      }

      @Override
      public void skipSender(Address sender) {
        queue.removeIf(tx -> tx.sender().equals(sender));
      }
    };
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
