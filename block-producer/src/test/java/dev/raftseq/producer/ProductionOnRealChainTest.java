package dev.raftseq.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.exec.BaseFee;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.exec.BlockImporter;
import dev.raftseq.chain.exec.InvalidBlockException;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.mempool.Mempool;
import dev.raftseq.producer.mempool.MempoolConfig;
import dev.raftseq.producer.mempool.SynchronizedMempool;
import dev.raftseq.producer.mempool.TxPool;
import dev.raftseq.producer.testing.ManualClock;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop with everything real but Raft: signed transactions, the mempool, the chain's block
 * builder and sealer, RocksDB, and a single-node sink that verifies each block with the importer
 * before committing it, as a follower would.
 */
class ProductionOnRealChainTest {
  private static final long CHAIN_ID = 270;
  private static final long GENESIS_SECONDS = 1_700_000_000L;
  private static final long T0 = GENESIS_SECONDS * 1000 + 5_000;
  private static final Wei ETH = Wei.of(BigInteger.TEN.pow(18));

  @TempDir Path dir;
  private RocksChainStore store;
  private final NodeKey sequencer = DevAccounts.key(9);
  private final ManualClock clock = new ManualClock(T0);
  private TxPool pool;
  private ProductionLoop loop;
  private BlockImporter importer;

  @BeforeEach
  void setUp() {
    store = RocksChainStore.open(dir, CHAIN_ID);
    Map<Address, GenesisSpec.Alloc> alloc = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      alloc.put(DevAccounts.address(i), new GenesisSpec.Alloc(ETH.multiply(1000)));
    }
    GenesisSpec spec = new GenesisSpec(
        CHAIN_ID, GENESIS_SECONDS, 30_000_000L, Wei.of(1_000_000_000L), Address.ZERO, null, alloc, 0, null);
    GenesisResult genesis = Genesis.build(spec, store);
    store.commit(new BlockCommit(genesis.block(), List.of(), genesis.state(), null));

    pool = new SynchronizedMempool(new Mempool(MempoolConfig.defaults(CHAIN_ID, 30_000_000L), clock));
    importer = new BlockImporter(store, CHAIN_ID, sequencer.address()::equals);
    ProducerConfig config = new ProducerConfig(Duration.ofMillis(250), 1_000, false, sequencer.address(), CHAIN_ID);
    loop = new ProductionLoop("node-1", config, () -> new ChainView.Head(store.head(), store.headState()),
        () -> OptionalLong.of(1), pool, new ExecBlockBuilding(new BlockBuilder(store), sequencer), this::commitLocally);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  /** The single-node sink: verify as any node would, commit, tell the pool. */
  private CompletableFuture<SubmitOutcome> commitLocally(Block block, dev.raftseq.chain.exec.BuiltBlock built) {
    Block head = store.head();
    if (!block.header().parentHash().equals(head.hash())) {
      return CompletableFuture.completedFuture(SubmitOutcome.rejectedStale("parent is not the head"));
    }
    try {
      store.commit(importer.verify(block, head.header(), store.headState(), null));
    } catch (InvalidBlockException e) {
      return CompletableFuture.completedFuture(SubmitOutcome.failed(e.getMessage()));
    }
    pool.onBlockApplied(block, store.headState());
    return CompletableFuture.completedFuture(SubmitOutcome.APPLIED);
  }

  private void add(RecoveredTx tx) throws Exception {
    pool.add(tx, store.headState(), BaseFee.next(store.head().header()));
  }

  @Test
  void producesVerifiedSignedBlocksThatIncludeEveryTransactionOnce() throws Exception {
    List<RecoveredTx> sent = new ArrayList<>();
    // out of nonce order, three senders, all three transaction types
    int[][] order = {{0, 2}, {1, 0}, {0, 0}, {2, 1}, {0, 1}, {2, 0}, {1, 1}};
    TxType[] types = {TxType.EIP1559, TxType.LEGACY, TxType.ACCESS_LIST};
    for (int[] o : order) {
      RecoveredTx tx = TestTxs.transfer(types[o[0]], DevAccounts.privateKey(o[0]), CHAIN_ID, o[1]);
      add(tx);
      sent.add(tx);
    }
    assertThat(pool.pendingCount()).isEqualTo(sent.size());

    long t = T0;
    loop.tick(t);
    RecoveredTx late = TestTxs.transfer(TxType.EIP1559, DevAccounts.privateKey(1), CHAIN_ID, 2);
    add(late);
    sent.add(late);
    for (int i = 0; i < 8; i++) {
      t += 250;
      clock.set(t);
      loop.tick(t);
    }

    assertThat(pool.size()).isZero();
    Set<Object> included = new HashSet<>();
    long previousMillis = 0;
    for (long n = 1; n <= store.head().number(); n++) {
      Block b = store.blockByNumber(n).orElseThrow();
      assertThat(SealFields.signer(b.header())).isEqualTo(sequencer.address());
      assertThat(SealFields.term(b.header())).isEqualTo(1);
      assertThat(SealFields.timestampMillis(b.header())).isGreaterThanOrEqualTo(previousMillis);
      previousMillis = SealFields.timestampMillis(b.header());
      for (RecoveredTx tx : b.transactions()) {
        assertThat(included.add(tx.hash())).as("included once: %s", tx).isTrue();
      }
    }
    assertThat(included).containsExactlyInAnyOrderElementsOf(sent.stream().map(RecoveredTx::hash).toList());
    assertThat(store.head().number()).isEqualTo(2);
    assertThat(store.headState().account(DevAccounts.address(0)).nonce()).isEqualTo(3);
    assertThat(store.headState().account(DevAccounts.address(1)).nonce()).isEqualTo(3);
    assertThat(store.headState().account(DevAccounts.address(2)).nonce()).isEqualTo(2);
    assertThat(pool.pendingNonce(DevAccounts.address(0), store.headState())).isEqualTo(3);
  }
}
