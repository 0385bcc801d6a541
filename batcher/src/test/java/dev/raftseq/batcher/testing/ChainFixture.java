package dev.raftseq.batcher.testing;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.BlockSealer;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A real chain database (RocksChainStore) with local-chains/genesis.json, grown by real blocks:
 * transfers from the dev accounts, built with BlockBuilder and sealed with BlockSealer, 250 ms of
 * block time apart, as a leader makes them.
 */
public final class ChainFixture implements AutoCloseable {
  public static final long CHAIN_ID = 270;
  private static final NodeKey SEQUENCER = NodeKey.fromHex("0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308");

  private final RocksChainStore store;
  private final long[] nonces = new long[DevAccounts.COUNT];
  private long millis;
  private long term = 1;
  private long index;

  /** Opens the chain in {@code dir}, creating it from genesis when empty (so a restarted process continues it). */
  public ChainFixture(Path dir) throws IOException {
    store = RocksChainStore.open(dir, CHAIN_ID);
    if (store.isEmpty()) {
      GenesisSpec spec = GenesisSpec.read(Anvil.repoRoot().resolve("local-chains/genesis.json"));
      GenesisResult g = Genesis.build(spec, store);
      store.commit(new BlockCommit(g.block(), List.of(), g.state(), null));
    }
    Block head = store.head();
    millis = head.number() == 0 ? head.header().timestamp() * 1000
        : dev.raftseq.chain.codec.SealFields.timestampMillis(head.header());
    index = head.number();
    for (int i = 0; i < DevAccounts.COUNT; i++) {
      nonces[i] = store.headState().account(DevAccounts.address(i)).nonce();
    }
  }

  public RocksChainStore store() {
    return store;
  }

  public Block genesis() {
    return store.blockByNumber(0).orElseThrow();
  }

  /** Appends {@code blocks} blocks of {@code txsPerBlock} transfers each. */
  public synchronized void produce(int blocks, int txsPerBlock) {
    for (int i = 0; i < blocks; i++) {
      List<RecoveredTx> txs = new ArrayList<>();
      for (int t = 0; t < txsPerBlock; t++) {
        int from = (int) ((index + t) % DevAccounts.COUNT);
        txs.add(TestTxs.transfer(TxType.EIP1559, DevAccounts.privateKey(from), CHAIN_ID, nonces[from]++,
            DevAccounts.address((from + 1) % DevAccounts.COUNT), Wei.of(1000)));
      }
      Block parent = store.head();
      millis += 250;
      BlockContext ctx = BlockContext.childOf(CHAIN_ID, parent, millis, Address.ZERO);
      BuiltBlock built = new BlockBuilder(store).build(parent.header(), store.headState(), ctx, new Queue(txs), 10_000);
      if (built.included().size() != txs.size()) {
        throw new IllegalStateException("a transfer was not included: " + built.rejected());
      }
      Block sealed = BlockSealer.seal(built, parent.header(), SEQUENCER, term);
      store.commit(new BlockCommit(sealed, built.receipts(), built.state(), new AppliedIndex(term, ++index)));
    }
  }

  public long head() {
    return store.head().number();
  }

  @Override
  public void close() {
    store.close();
  }

  private static final class Queue implements TxCandidates {
    private final Deque<RecoveredTx> q;

    Queue(List<RecoveredTx> txs) {
      q = new ArrayDeque<>(txs);
    }

    @Override
    public RecoveredTx next() {
      return q.poll();
    }

    @Override
    public void skipSender(Address sender) {
      q.removeIf(t -> t.sender().equals(sender));
    }
  }
}
