package dev.raftseq.p2p.testing;

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
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds real chains for p2p and replay tests: a genesis with dev accounts 0..{@link #SENDERS}-1
 * funded, and blocks of 1-wei transfers sealed by a given key, each committed to a
 * {@link RocksChainStore} as a producer would.
 */
public final class ChainFixture {
  public static final long CHAIN_ID = 1337;
  public static final int SENDERS = 8;
  public static final long GENESIS_SECONDS = 1_700_000_000L;
  public static final Address COINBASE = Address.fromHex("0xc0ffee0000000000000000000000000000000003");
  private static final Wei ETH = Wei.of(BigInteger.TEN.pow(18));

  private ChainFixture() {}

  public static GenesisSpec genesisSpec() {
    Map<Address, GenesisSpec.Alloc> alloc = new LinkedHashMap<>();
    for (int i = 0; i < SENDERS; i++) {
      alloc.put(DevKeys.address(i), new GenesisSpec.Alloc(ETH.multiply(1000)));
    }
    return new GenesisSpec(CHAIN_ID, GENESIS_SECONDS, 30_000_000, Wei.of(1_000_000_000L), Address.ZERO, null, alloc, 0, null);
  }

  /** A store holding only the fixture's genesis. */
  public static RocksChainStore genesisStore(Path dir) {
    RocksChainStore store = RocksChainStore.open(dir, CHAIN_ID);
    if (store.isEmpty()) {
      GenesisResult g = Genesis.build(genesisSpec(), store);
      store.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
    }
    return store;
  }

  /** Appends {@code blocks} blocks of {@code txsPerBlock} transfers, sealed by {@code sealer}. */
  public static void extend(RocksChainStore store, NodeKey sealer, int blocks, int txsPerBlock) {
    for (int b = 0; b < blocks; b++) {
      BlockCommit c = next(store, sealer, txsPerBlock, 1);
      store.commit(c);
    }
  }

  /**
   * The next block on the store's head, built and sealed but not committed: {@code txs}
   * transfers round-robin over the senders, each paying 1 wei to the next sender.
   */
  public static BlockCommit next(RocksChainStore store, NodeKey sealer, int txs, long term) {
    Block parent = store.head();
    List<RecoveredTx> list = new ArrayList<>(txs);
    long[] nonces = new long[SENDERS];
    for (int i = 0; i < SENDERS; i++) {
      var account = store.headState().account(DevKeys.address(i));
      nonces[i] = account == null ? 0 : account.nonce();
    }
    for (int t = 0; t < txs; t++) {
      int s = t % SENDERS;
      list.add(TestTxs.transfer(TxType.EIP1559, DevKeys.privateKey(s), CHAIN_ID, nonces[s]++,
          DevKeys.address((s + 1) % SENDERS), Wei.of(1)));
    }
    long millis = Math.max((GENESIS_SECONDS + parent.number() + 1) * 1000, parentMillis(parent) + 1);
    BlockContext ctx = BlockContext.childOf(CHAIN_ID, parent, millis, COINBASE);
    BuiltBlock built = new BlockBuilder(store).build(parent.header(), store.headState(), ctx, candidates(list), txs);
    if (built.included().size() != txs) {
      throw new IllegalStateException("fixture block included " + built.included().size() + " of " + txs);
    }
    Block sealed = BlockSealer.seal(built, parent.header(), sealer, term);
    return new BlockCommit(sealed, built.receipts(), built.state(), null);
  }

  private static long parentMillis(Block parent) {
    return parent.number() == 0 ? parent.header().timestamp() * 1000
        : dev.raftseq.chain.codec.SealFields.timestampMillis(parent.header());
  }

  public static TxCandidates candidates(List<RecoveredTx> txs) {
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
}
