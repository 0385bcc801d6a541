package dev.raftseq.chain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxLocation;
import dev.raftseq.chain.types.Wei;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksChainStoreTest {
  static final long CHAIN = 1337;

  @TempDir Path dir;

  static Address addr(int i) {
    byte[] b = new byte[20];
    b[0] = 0x11;
    b[18] = (byte) (i >> 8);
    b[19] = (byte) i;
    return new Address(b);
  }

  static Hash word(long v) {
    byte[] b = new byte[32];
    for (int i = 0; i < 8; i++) {
      b[31 - i] = (byte) (v >>> (8 * i));
    }
    return new Hash(b);
  }

  static Account eoa(long nonce, long balance) {
    return new Account(nonce, Wei.of(balance), Hash.EMPTY_TRIE, Hash.EMPTY_CODE);
  }

  static StateDiff genesisAlloc() {
    Map<Address, Account> accounts = new HashMap<>();
    for (int i = 0; i < DevAccounts.COUNT; i++) {
      accounts.put(DevAccounts.address(i), eoa(0, 1_000_000_000_000_000_000L));
    }
    byte[] code = {0x60, 0x00, 0x60, 0x00, (byte) 0xf3};
    Hash codeHash = Keccak.hash(code);
    accounts.put(addr(1), new Account(1, Wei.ZERO, Hash.EMPTY_TRIE, codeHash));
    return new StateDiff(accounts, Map.of(addr(1), Map.of(word(1), word(42))), Map.of(codeHash, code));
  }

  @Test
  void genesisIsReadableBeforeAndAfterReopen() {
    Block genesis;
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      assertThat(store.isEmpty()).isTrue();
      assertThat(store.lastApplied()).isEmpty();
      assertThatThrownBy(store::head).isInstanceOf(IllegalStateException.class);
      assertThat(store.blockByNumber(0)).isEmpty();
      BlockCommit c = TestBlocks.next(store, genesisAlloc(), List.of(), null);
      store.commit(c);
      genesis = c.block();
      assertThat(store.isEmpty()).isFalse();
      assertGenesis(store, genesis);
    }
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      assertGenesis(store, genesis);
    }
    assertThatThrownBy(() -> RocksChainStore.open(dir, CHAIN + 1))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("chain " + CHAIN);
  }

  private static void assertGenesis(RocksChainStore store, Block genesis) {
    assertThat(store.head()).isEqualTo(genesis);
    assertThat(store.head().hash()).isEqualTo(genesis.hash());
    assertThat(store.blockByNumber(0)).contains(genesis);
    assertThat(store.blockByHash(genesis.hash())).contains(genesis);
    assertThat(store.headerByNumber(0)).contains(genesis.header());
    assertThat(store.blockByNumber(1)).isEmpty();
    assertThat(store.blockByHash(Hash.ZERO)).isEmpty();
    for (StateView s : List.of(store.headState(), store.stateAt(genesis.header().stateRoot()).orElseThrow())) {
      assertThat(s.root()).isEqualTo(genesis.header().stateRoot());
      assertThat(s.account(DevAccounts.address(3)).balance()).isEqualTo(Wei.of(1_000_000_000_000_000_000L));
      Account contract = s.account(addr(1));
      assertThat(contract.storageRoot()).isNotEqualTo(Hash.EMPTY_TRIE);
      assertThat(s.storage(addr(1), word(1))).isEqualTo(word(42));
      assertThat(s.storage(addr(1), word(2))).isEqualTo(Hash.ZERO);
      assertThat(s.code(contract.codeHash())).hasSize(5);
      assertThat(s.code(Hash.EMPTY_CODE)).isEmpty();
      assertThat(s.account(addr(2))).isNull();
    }
    assertThat(store.stateAt(Keccak.hash(new byte[] {7}))).isEmpty();
    assertThat(store.stateAt(Hash.EMPTY_TRIE)).isPresent();
  }

  @Test
  void blocksTransactionsReceiptsAndPoolRemoval() {
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      store.commit(TestBlocks.next(store, genesisAlloc(), List.of(), new AppliedIndex(1, 1)));
      List<RecoveredTx> txs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        txs.add(TestTxs.eip1559(DevAccounts.privateKey(0), CHAIN, i));
      }
      RecoveredTx pending = TestTxs.eip1559(DevAccounts.privateKey(1), CHAIN, 0);
      List<byte[]> raws = new ArrayList<>(txs.stream().map(RecoveredTx::encoded).toList());
      raws.add(pending.encoded());
      store.addToPool(raws, new AppliedIndex(1, 2));
      assertThat(store.pooledTransactions()).hasSize(6);

      StateDiff diff = new StateDiff(Map.of(DevAccounts.address(0), eoa(5, 999)), Map.of(), Map.of());
      BlockCommit c = TestBlocks.next(store, diff, txs, new AppliedIndex(2, 3));
      store.commit(c);
      Block b1 = c.block();

      assertThat(store.head().number()).isEqualTo(1);
      assertThat(store.lastApplied()).contains(new AppliedIndex(2, 3));
      assertThat(store.blockByNumber(1).orElseThrow().transactions()).isEqualTo(txs);
      for (int i = 0; i < txs.size(); i++) {
        assertThat(store.transactionLocation(txs.get(i).hash())).contains(new TxLocation(b1.hash(), 1, i));
      }
      assertThat(store.transactionLocation(pending.hash())).isEmpty();
      // Receipt holds an array, so compare encodings
      assertThat(store.receipts(b1.hash()).stream().map(BlockCodec::encodeReceipt))
          .containsExactlyElementsOf(c.receipts().stream().map(BlockCodec::encodeReceipt).toList());
      assertThat(store.receipts(Hash.ZERO)).isEmpty();
      // included transactions left the pool; the other stayed
      assertThat(store.pooledTransactions()).containsExactly(pending.encoded());
      assertThat(store.headState().account(DevAccounts.address(0)).nonce()).isEqualTo(5);
    }
  }

  @Test
  void refusesCommitsThatDoNotExtendTheHead() {
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      StateDiff alloc = genesisAlloc();
      // the first block must start from the empty state
      PreparedState fromEmpty = store.prepare(Hash.EMPTY_TRIE, alloc);
      PreparedState notFromEmpty = store.prepare(fromEmpty.root(), StateDiff.EMPTY);
      assertThatThrownBy(() -> store.commit(TestBlocks.commitOf(null, notFromEmpty, List.of(), null)))
          .isInstanceOf(IllegalStateException.class);
      BlockCommit genesis = TestBlocks.commitOf(null, fromEmpty, List.of(), null);
      store.commit(genesis);

      StateDiff d = new StateDiff(Map.of(addr(5), eoa(0, 5)), Map.of(), Map.of());
      BlockCommit good = TestBlocks.next(store, d, List.of(), null);
      // same block twice: the second no longer extends the head
      store.commit(good);
      assertThatThrownBy(() -> store.commit(good)).isInstanceOf(IllegalStateException.class).hasMessageContaining("does not extend");
      // state prepared on a stale root
      PreparedState stale = store.prepare(genesis.block().header().stateRoot(), d);
      BlockCommit staleState = TestBlocks.commitOf(good.block(), stale, List.of(), null);
      assertThatThrownBy(() -> store.commit(staleState)).isInstanceOf(IllegalStateException.class).hasMessageContaining("state prepared on");
      // a prepared state from elsewhere
      PreparedState foreign = new PreparedState() {
        public Hash parentRoot() {
          return good.block().header().stateRoot();
        }

        public Hash root() {
          return good.block().header().stateRoot();
        }

        public StateDiff diff() {
          return StateDiff.EMPTY;
        }
      };
      assertThatThrownBy(() -> store.commit(TestBlocks.commitOf(good.block(), foreign, List.of(), null)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(store.head()).isEqualTo(good.block());
      assertThat(store.blockByNumber(2)).isEmpty();
    }
  }

  @Test
  void theCommittedSetKeepsCommitOrderAndSurvivesRestart() {
    List<byte[]> raws = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      raws.add(TestTxs.eip1559(DevAccounts.privateKey(i % 3), CHAIN, i).encoded());
    }
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      store.updatePool(List.of(new RawTx(raws.get(3), DevAccounts.address(0)), new RawTx(raws.get(1), null)), List.of(),
          new AppliedIndex(1, 1));
      store.addToPool(List.of(raws.get(0)), new AppliedIndex(1, 2));
      assertThat(store.pooledTransactions()).containsExactly(raws.get(3), raws.get(1), raws.get(0));
      assertThat(store.pooledEntries().get(0).sender()).isEqualTo(DevAccounts.address(0));
      assertThat(store.pooledEntries().get(1).hasSender()).isFalse();
      assertThat(store.lastApplied()).contains(new AppliedIndex(1, 2));
      store.removeFromPool(List.of(Keccak.hash(raws.get(1)), Hash.ZERO));
      assertThat(store.pooledTransactions()).containsExactly(raws.get(3), raws.get(0));
    }
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      assertThat(store.pooledTransactions()).containsExactly(raws.get(3), raws.get(0));
      store.updatePool(List.of(new RawTx(raws.get(5), null)), List.of(Keccak.hash(raws.get(3))), new AppliedIndex(1, 3));
      assertThat(store.pooledTransactions()).containsExactly(raws.get(0), raws.get(5));
      assertThat(store.lastApplied()).contains(new AppliedIndex(1, 3));
    }
  }

  @Test
  void aCommittedSetOfTheEarlierLayoutIsMovedOverAtOpen() {
    byte[] a = TestTxs.eip1559(DevAccounts.privateKey(0), CHAIN, 0).encoded();
    byte[] b = TestTxs.eip1559(DevAccounts.privateKey(1), CHAIN, 0).encoded();
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      // sequence-keyed values with a hash index, the second with its sender (0x00 || sender || raw)
      store.rawPut("pool", RocksChainStore.longBytes(4), a);
      store.rawPut("pool_hashes", Keccak.digest(a), RocksChainStore.longBytes(4));
      byte[] withSender = new byte[1 + 20 + b.length];
      System.arraycopy(DevAccounts.address(1).unsafeBytes(), 0, withSender, 1, 20);
      System.arraycopy(b, 0, withSender, 21, b.length);
      store.rawPut("pool", RocksChainStore.longBytes(9), withSender);
      store.rawPut("pool_hashes", Keccak.digest(b), RocksChainStore.longBytes(9));
    }
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      assertThat(store.pooledTransactions()).containsExactly(a, b);
      assertThat(store.pooledEntries().get(1).sender()).isEqualTo(DevAccounts.address(1));
      assertThat(store.rawGet("pool", RocksChainStore.longBytes(4))).isNull();
      assertThat(store.rawGet("pool_hashes", Keccak.digest(b))).isNull();
      store.addToPool(List.of(TestTxs.eip1559(DevAccounts.privateKey(2), CHAIN, 0).encoded()), null);
      assertThat(store.pooledTransactions()).hasSize(3).startsWith(a, b);
    }
  }

  @Test
  void appliedIndexIsDurableAndNeverGoesBack() {
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      store.markApplied(new AppliedIndex(3, 10));
      assertThatThrownBy(() -> store.markApplied(new AppliedIndex(3, 9))).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> store.addToPool(List.of(), new AppliedIndex(3, 9))).isInstanceOf(IllegalStateException.class);
      store.markApplied(new AppliedIndex(4, 11));
    }
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      assertThat(store.lastApplied()).contains(new AppliedIndex(4, 11));
      assertThat(store.isEmpty()).isTrue();
    }
  }

  @Test
  void consensusMembersAreRecordedWithTheAppliedIndexAndSurviveAReopen() {
    String a = "0x" + "ab".repeat(64);
    String b = "0x" + "0c".repeat(64);
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      assertThat(store.members()).isEmpty();
      store.recordMembers(List.of(a, b), new AppliedIndex(2, 7));
      assertThat(store.members()).contains(List.of(a, b));
      assertThat(store.lastApplied()).contains(new AppliedIndex(2, 7));
      assertThatThrownBy(() -> store.recordMembers(List.of(a), new AppliedIndex(2, 6)))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> store.recordMembers(List.of("0x1234"), new AppliedIndex(2, 8)))
          .isInstanceOf(IllegalArgumentException.class);
      store.recordMembers(List.of(b), new AppliedIndex(3, 9));
    }
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      assertThat(store.members()).contains(List.of(b));
      assertThat(store.lastApplied()).contains(new AppliedIndex(3, 9));
    }
  }

  @Test
  void rocksDbPropertiesAreReadableForMetricsAndEmptyOnceClosed() {
    RocksChainStore store = RocksChainStore.open(dir, CHAIN);
    store.commit(TestBlocks.next(store, genesisAlloc(), List.of(), null));
    assertThat(store.property("rocksdb.cur-size-all-mem-tables", true).orElseThrow()).isPositive();
    assertThat(store.property("rocksdb.block-cache-usage", false)).isPresent();
    assertThat(store.property("rocksdb.no-such-property", true)).isEmpty();
    store.close();
    assertThat(store.property("rocksdb.cur-size-all-mem-tables", true)).isEmpty();
  }

  @Test
  void flatHeadStateEqualsTrieStateAcrossRandomBlocksAndOldRootsStayReadable() {
    Random r = new Random(11);
    int accounts = 120;
    List<Hash> roots = new ArrayList<>();
    Map<Hash, Map<Address, Account>> snapshots = new HashMap<>();
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      store.commit(TestBlocks.next(store, StateDiff.EMPTY, List.of(), null));
      for (int b = 0; b < 25; b++) {
        Map<Address, Account> changed = new HashMap<>();
        Map<Address, Map<Hash, Hash>> storage = new HashMap<>();
        for (int i = 0; i < 15; i++) {
          Address a = addr(r.nextInt(accounts));
          if (r.nextInt(8) == 0) {
            changed.put(a, null);
            storage.remove(a);
            continue;
          }
          changed.put(a, eoa(r.nextInt(100), r.nextInt(1_000_000)));
          if (r.nextBoolean()) {
            Map<Hash, Hash> slots = storage.computeIfAbsent(a, x -> new HashMap<>());
            for (int s = 0; s < 3; s++) {
              slots.put(word(r.nextInt(8)), r.nextInt(4) == 0 ? Hash.ZERO : word(1 + r.nextInt(1000)));
            }
          }
        }
        store.commit(TestBlocks.next(store, new StateDiff(changed, storage, Map.of()), List.of(), null));
        Hash root = store.head().header().stateRoot();
        roots.add(root);
        compareFlatWithTrie(store, root, accounts);
        Map<Address, Account> snap = new HashMap<>();
        StateView v = store.headState();
        for (int i = 0; i < accounts; i++) {
          Account a = v.account(addr(i));
          if (a != null) {
            snap.put(addr(i), a);
          }
        }
        snapshots.put(root, snap);
      }
    }
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      compareFlatWithTrie(store, store.head().header().stateRoot(), accounts);
      for (Hash root : roots) {
        StateView old = store.stateAt(root).orElseThrow();
        for (int i = 0; i < accounts; i++) {
          assertThat(old.account(addr(i))).isEqualTo(snapshots.get(root).get(addr(i)));
        }
      }
    }
  }

  private static void compareFlatWithTrie(RocksChainStore store, Hash root, int accounts) {
    StateView flat = store.headState();
    StateView trie = store.stateAt(root).orElseThrow();
    assertThat(flat.root()).isEqualTo(root);
    for (int i = 0; i < accounts; i++) {
      Address a = addr(i);
      assertThat(flat.account(a)).as("account %s", i).isEqualTo(trie.account(a));
      for (int s = 0; s < 8; s++) {
        assertThat(flat.storage(a, word(s))).as("slot %s of %s", s, i).isEqualTo(trie.storage(a, word(s)));
      }
    }
  }

  @Test
  void aHeadStateViewKeepsAnsweringForItsRootAfterTheHeadMoves() {
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      store.commit(TestBlocks.next(store, new StateDiff(Map.of(addr(1), eoa(1, 100)), Map.of(addr(1), Map.of(word(1), word(5))), Map.of()), List.of(), null));
      StateView before = store.headState();
      store.commit(TestBlocks.next(store, new StateDiff(Map.of(addr(1), eoa(2, 200)), Map.of(addr(1), Map.of(word(1), word(6))), Map.of()), List.of(), null));
      assertThat(before.account(addr(1)).balance()).isEqualTo(Wei.of(100));
      assertThat(before.storage(addr(1), word(1))).isEqualTo(word(5));
      assertThat(store.headState().account(addr(1)).balance()).isEqualTo(Wei.of(200));
      assertThat(store.headState().storage(addr(1), word(1))).isEqualTo(word(6));
    }
  }

  /**
   * Readers racing with commits: the marker account's balance is the block number that set it, so
   * a view whose flat reads leaked a newer (or older) state would disagree with its own root.
   */
  @Test
  void concurrentReadersSeeConsistentHeadStates() throws Exception {
    Address marker = addr(7);
    try (RocksChainStore store = RocksChainStore.open(dir, CHAIN)) {
      store.commit(TestBlocks.next(store, new StateDiff(Map.of(marker, eoa(0, 0)), Map.of(), Map.of()), List.of(), null));
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicLong checks = new AtomicLong();
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        Thread reader = new Thread(() -> {
          try {
            while (!stop.get()) {
              StateView s = store.headState();
              long n = s.account(marker).balance().value().longValueExact();
              Block b = store.blockByNumber(n).orElseThrow();
              assertThat(b.header().stateRoot()).isEqualTo(s.root());
              assertThat(s.account(marker).balance().value().longValueExact()).isEqualTo(n);
              checks.incrementAndGet();
            }
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        });
        reader.start();
        readers.add(reader);
      }
      for (long n = 1; n <= 60; n++) {
        Map<Address, Account> changed = new HashMap<>();
        changed.put(marker, eoa(n, n));
        for (int i = 0; i < 20; i++) {
          changed.put(addr(100 + (int) ((n * 31 + i) % 500)), eoa(n, i));
        }
        store.commit(TestBlocks.next(store, new StateDiff(changed, Map.of(), Map.of()), List.of(), null));
      }
      stop.set(true);
      for (Thread t : readers) {
        t.join();
      }
      assertThat(failure.get()).isNull();
      assertThat(checks.get()).isPositive();
    }
  }
}
