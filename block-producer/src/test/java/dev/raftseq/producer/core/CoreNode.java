package dev.raftseq.producer.core;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.ChainStore;
import dev.raftseq.chain.store.Durability;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.store.StoreTuning;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.BatchingLimits;
import dev.raftseq.producer.CoreMetrics;
import dev.raftseq.producer.ExecBlockBuilding;
import dev.raftseq.producer.ProducerConfig;
import dev.raftseq.producer.SequencerCore;
import dev.raftseq.producer.consensus.LocalSequencing;
import dev.raftseq.producer.consensus.Sequencing;
import dev.raftseq.producer.mempool.MempoolConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * A sequencer core on a real RocksDB chain with the dev accounts funded, driven by the test: its
 * consensus applies on the calling thread, events run inline, production only by {@link #tick}.
 */
public final class CoreNode implements AutoCloseable {
  public static final long CHAIN_ID = 270;
  public static final long GENESIS_SECONDS = 1_700_000_000L;
  public static final long T0 = GENESIS_SECONDS * 1000 + 5_000;
  public static final Wei ETH = Wei.of(BigInteger.TEN.pow(18));

  public final NodeKey key;
  public final ChainStore store;
  public final SequencerCore core;
  public final Sequencing sequencing;

  private CoreNode(NodeKey key, ChainStore store, SequencerCore core, Sequencing sequencing) {
    this.key = key;
    this.store = store;
    this.core = core;
    this.sequencing = sequencing;
  }

  /** The genesis the tests use: the ten dev accounts with 1,000 ETH each, 1 gwei base fee. */
  public static GenesisSpec genesis(long gasLimit) {
    Map<Address, GenesisSpec.Alloc> alloc = new LinkedHashMap<>();
    for (int i = 0; i < DevAccounts.COUNT; i++) {
      alloc.put(DevAccounts.address(i), new GenesisSpec.Alloc(ETH.multiply(1000)));
    }
    return new GenesisSpec(CHAIN_ID, GENESIS_SECONDS, gasLimit, Wei.of(1_000_000_000L), Address.ZERO, null, alloc, 0,
        null);
  }

  /** Opens (creating genesis if empty) a single sequencer in {@code dir}, sealing with dev key 9. */
  public static CoreNode single(Path dir) {
    return single(dir, genesis(30_000_000), UnaryOperator.identity());
  }

  public static CoreNode single(Path dir, GenesisSpec spec, UnaryOperator<SequencerCore.Config> tune) {
    return single(dir, spec, tune, Runnable::run);
  }

  /** As above, block listeners running on {@code events}. */
  public static CoreNode single(Path dir, GenesisSpec spec, UnaryOperator<SequencerCore.Config> tune,
      Executor events) {
    NodeKey key = DevAccounts.key(9);
    RocksChainStore store = RocksChainStore.open(dir, spec.chainId(), StoreTuning.DEFAULT, Durability.SYNC_EACH_WRITE);
    if (store.isEmpty()) {
      GenesisResult g = Genesis.build(spec, store);
      store.commit(new BlockCommit(g.block(), java.util.List.of(), g.state(), null));
    }
    LocalSequencing sequencing = new LocalSequencing("test", Runnable::run);
    SequencerCore.Config config = tune.apply(new SequencerCore.Config(
        new ProducerConfig(Duration.ofMillis(250), 1_000, false, key.address(), spec.chainId()),
        MempoolConfig.defaults(spec.chainId(), spec.gasLimit()), BatchingLimits.defaults(), Duration.ofSeconds(5)));
    SequencerCore core = new SequencerCore("test", config, store, sequencing,
        new ExecBlockBuilding(new BlockBuilder(store), key), Set.of(key.address())::contains, CoreMetrics.noop(),
        events);
    try {
      core.startWithoutProduction();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CoreNode(key, store, core, sequencing);
  }

  public long tick(long millis) {
    return core.tick(millis);
  }

  @Override
  public void close() {
    core.close();
    sequencing.close();
    store.close();
  }
}
