package dev.raftseq.chain.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MerklePatriciaTrieTest {

  /** Counts reads, to show updates touch only their paths. */
  static final class CountingStore implements NodeStore {
    final InMemoryNodeStore inner = new InMemoryNodeStore();
    final AtomicInteger nodesRead = new AtomicInteger();
    final AtomicInteger batches = new AtomicInteger();

    @Override
    public byte[] get(Hash hash) {
      nodesRead.incrementAndGet();
      batches.incrementAndGet();
      return inner.get(hash);
    }

    @Override
    public List<byte[]> getAll(List<Hash> hashes) {
      batches.incrementAndGet();
      nodesRead.addAndGet(hashes.size());
      return hashes.stream().map(inner::get).toList();
    }
  }

  private static List<TrieChange> randomPuts(Random r, int n) {
    List<TrieChange> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] v = new byte[40];
      r.nextBytes(v);
      out.add(TrieChange.put(Keccak.digest(v), v));
    }
    return out;
  }

  @Test
  void emptyTrieRootIsKeccakOfRlpEmptyString() {
    assertThat(Keccak.hash(new byte[] {(byte) 0x80})).isEqualTo(Hash.EMPTY_TRIE);
    TrieUpdate u = MerklePatriciaTrie.transientTrie().update(Hash.EMPTY_TRIE, List.of());
    assertThat(u.root()).isEqualTo(Hash.EMPTY_TRIE);
    assertThat(u.newNodes()).isEmpty();
    assertThat(OrderedTrie.root(List.of())).isEqualTo(Hash.EMPTY_TRIE);
  }

  @Test
  void deletingEverythingGivesTheEmptyRoot() {
    InMemoryNodeStore store = new InMemoryNodeStore();
    MerklePatriciaTrie trie = new MerklePatriciaTrie(store, NodeCache.disabled());
    List<TrieChange> puts = randomPuts(new Random(1), 300);
    TrieUpdate full = trie.update(Hash.EMPTY_TRIE, puts);
    store.putAll(full.newNodes());
    List<TrieChange> deletes = puts.stream().map(c -> TrieChange.delete(c.key())).toList();
    assertThat(trie.update(full.root(), deletes).root()).isEqualTo(Hash.EMPTY_TRIE);
  }

  @Test
  void updateReadsOnlyTouchedPathsInBatchesAndWritesOnlyNewNodes() {
    CountingStore store = new CountingStore();
    MerklePatriciaTrie trie = new MerklePatriciaTrie(store, NodeCache.disabled());
    TrieUpdate full = trie.update(Hash.EMPTY_TRIE, randomPuts(new Random(2), 10_000));
    store.inner.putAll(full.newNodes());
    assertThat(store.nodesRead).hasValue(0);

    TrieUpdate one = trie.update(full.root(), randomPuts(new Random(3), 1));
    // 10k hashed keys: depth about log16(10k) + 1, every level one read and one new node
    assertThat(store.nodesRead.get()).isBetween(3, 6);
    assertThat(one.newNodes().size()).isBetween(3, 6);

    store.nodesRead.set(0);
    store.batches.set(0);
    trie.update(full.root(), randomPuts(new Random(4), 500));
    assertThat(store.batches.get()).as("one batched read per level").isLessThanOrEqualTo(6);
    assertThat(store.nodesRead.get()).isLessThan(500 * 5);
  }

  @Test
  void noOpChangesKeepTheRootAndWriteNothing() {
    InMemoryNodeStore store = new InMemoryNodeStore();
    MerklePatriciaTrie trie = new MerklePatriciaTrie(store, NodeCache.disabled());
    List<TrieChange> puts = randomPuts(new Random(5), 200);
    TrieUpdate full = trie.update(Hash.EMPTY_TRIE, puts);
    store.putAll(full.newNodes());
    List<TrieChange> noOps = new ArrayList<>(puts.subList(0, 50));
    noOps.add(TrieChange.delete(Keccak.digest(new byte[] {42})));
    TrieUpdate u = trie.update(full.root(), noOps);
    assertThat(u.root()).isEqualTo(full.root());
    assertThat(u.newNodes()).isEmpty();
  }

  @Test
  void lastChangeOfAKeyWins() {
    byte[] k = {1, 2, 3};
    MerklePatriciaTrie t = MerklePatriciaTrie.transientTrie();
    Hash a = t.update(Hash.EMPTY_TRIE, List.of(TrieChange.put(k, new byte[] {9}))).root();
    Hash b =
        t.update(
                Hash.EMPTY_TRIE,
                List.of(TrieChange.put(k, new byte[] {7}), TrieChange.delete(k), TrieChange.put(k, new byte[] {9})))
            .root();
    assertThat(b).isEqualTo(a);
  }

  @Test
  void missingNodesAreReportedWithTheirHash() {
    MerklePatriciaTrie trie = new MerklePatriciaTrie(new InMemoryNodeStore(), NodeCache.disabled());
    Hash unknown = Keccak.hash(new byte[] {1});
    assertThatThrownBy(() -> trie.get(unknown, new byte[] {1}))
        .isInstanceOfSatisfying(MissingNodeException.class, e -> assertThat(e.hash()).isEqualTo(unknown));
    assertThat(trie.hasRoot(unknown)).isFalse();
    assertThat(trie.hasRoot(Hash.EMPTY_TRIE)).isTrue();
  }

  @Test
  void corruptStoredNodesFailClearly() {
    InMemoryNodeStore store = new InMemoryNodeStore();
    Hash h = Keccak.hash(new byte[] {1});
    store.putAll(Map.of(h, new byte[] {(byte) 0xc3, 1, 2, 3}));
    MerklePatriciaTrie trie = new MerklePatriciaTrie(store, NodeCache.disabled());
    assertThatThrownBy(() -> trie.get(h, new byte[] {1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("corrupt trie node");
  }

  @Test
  void aSessionIsUpdatedOnce() {
    MerklePatriciaTrie.Session s = MerklePatriciaTrie.transientTrie().open(Hash.EMPTY_TRIE);
    s.update(List.of());
    assertThatThrownBy(() -> s.update(List.of())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sessionReadsAfterPrefetchNeedNoFurtherIo() {
    CountingStore store = new CountingStore();
    MerklePatriciaTrie trie = new MerklePatriciaTrie(store, NodeCache.disabled());
    List<TrieChange> puts = randomPuts(new Random(6), 2000);
    TrieUpdate full = trie.update(Hash.EMPTY_TRIE, puts);
    store.inner.putAll(full.newNodes());
    MerklePatriciaTrie.Session s = trie.open(full.root());
    List<byte[]> keys = puts.subList(0, 100).stream().map(TrieChange::key).toList();
    s.prefetch(keys);
    int read = store.nodesRead.get();
    for (int i = 0; i < 100; i++) {
      assertThat(s.get(puts.get(i).key())).isEqualTo(puts.get(i).value());
    }
    assertThat(store.nodesRead.get()).isEqualTo(read);
  }

  @Test
  void cacheServesRepeatedReads() {
    CountingStore store = new CountingStore();
    NodeCache cache = new NodeCache(16 << 20);
    MerklePatriciaTrie trie = new MerklePatriciaTrie(store, cache);
    List<TrieChange> puts = randomPuts(new Random(7), 1000);
    TrieUpdate full = trie.update(Hash.EMPTY_TRIE, puts);
    store.inner.putAll(full.newNodes());
    trie.get(full.root(), puts.get(0).key());
    int read = store.nodesRead.get();
    assertThat(trie.get(full.root(), puts.get(0).key())).isEqualTo(puts.get(0).value());
    assertThat(store.nodesRead.get()).isEqualTo(read);
    assertThat(cache.hits()).isPositive();
  }

  @Test
  void cacheStaysWithinItsBound() {
    NodeCache cache = new NodeCache(64 * 1024);
    InMemoryNodeStore store = new InMemoryNodeStore();
    TrieUpdate full = new MerklePatriciaTrie(store, cache).update(Hash.EMPTY_TRIE, randomPuts(new Random(8), 2000));
    cache.putStored(full.newNodes());
    // each entry weighs at least 160 bytes
    assertThat(cache.size()).isLessThanOrEqualTo(64 * 1024 / 160);
  }

  @Test
  void orderedTrieMatchesReferenceWithRlpIndexKeys() {
    Random r = new Random(9);
    for (int n : new int[] {1, 2, 16, 127, 128, 129, 300}) {
      List<byte[]> values = new ArrayList<>();
      Map<byte[], byte[]> content = ReferenceTrie.newMap();
      for (int i = 0; i < n; i++) {
        byte[] v = new byte[1 + r.nextInt(120)];
        r.nextBytes(v);
        values.add(v);
        content.put(org.web3j.rlp.RlpEncoder.encode(org.web3j.rlp.RlpString.create(i)), v);
      }
      assertThat(OrderedTrie.root(values)).as("n=" + n).isEqualTo(ReferenceTrie.root(content));
    }
  }
}
