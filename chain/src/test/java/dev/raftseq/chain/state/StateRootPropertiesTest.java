package dev.raftseq.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.trie.InMemoryNodeStore;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.trie.NodeCache;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A chain of diffs applied incrementally gives the same root as the final state built from
 * scratch, and the trie-backed view reads back the final state of a plain model. Diffs include
 * account deletions (which drop storage), slot deletions and code.
 */
class StateRootPropertiesTest {

  static Address address(int i) {
    byte[] b = new byte[20];
    b[0] = (byte) 0xaa;
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

  /** Random diff over a small address space, recorded into the model as well. */
  static StateDiff randomDiff(Random r, Map<Address, Account> model, Map<Address, Map<Hash, Hash>> modelStorage, Map<Hash, byte[]> codes) {
    Map<Address, Account> accounts = new HashMap<>();
    Map<Address, Map<Hash, Hash>> storage = new HashMap<>();
    Map<Hash, byte[]> code = new HashMap<>();
    int n = 1 + r.nextInt(12);
    for (int i = 0; i < n; i++) {
      Address a = address(r.nextInt(24));
      if (r.nextInt(6) == 0) {
        accounts.put(a, null);
        storage.remove(a);
        continue;
      }
      Hash codeHash = Hash.EMPTY_CODE;
      if (r.nextInt(4) == 0) {
        byte[] c = {0x60, (byte) r.nextInt(4), 0x00};
        codeHash = Keccak.hash(c);
        code.put(codeHash, c);
      }
      // storage roots in diffs are ignored; a wrong one must not matter
      accounts.put(a, new Account(r.nextInt(5), Wei.of(r.nextInt(1000)), word(r.nextLong()), codeHash));
      if (r.nextBoolean()) {
        Map<Hash, Hash> slots = storage.computeIfAbsent(a, x -> new HashMap<>());
        for (int s = r.nextInt(6); s >= 0; s--) {
          slots.put(word(r.nextInt(10)), r.nextInt(3) == 0 ? Hash.ZERO : word(1 + r.nextInt(1 << 20)));
        }
      }
    }
    accounts.forEach(
        (a, acct) -> {
          if (acct == null) {
            model.remove(a);
            modelStorage.remove(a);
          } else {
            model.put(a, acct);
            Map<Hash, Hash> slots = modelStorage.computeIfAbsent(a, x -> new HashMap<>());
            storage.getOrDefault(a, Map.of()).forEach((k, v) -> {
              if (v.equals(Hash.ZERO)) {
                slots.remove(k);
              } else {
                slots.put(k, v);
              }
            });
          }
        });
    codes.putAll(code);
    return new StateDiff(accounts, storage, code);
  }

  @Property(tries = 60)
  void incrementalRootsEqualScratchAndViewsMatchTheModel(@ForAll @IntRange(min = 1, max = 8) int blocks, @ForAll long seed) {
    Random r = new Random(seed);
    InMemoryNodeStore store = new InMemoryNodeStore();
    MerklePatriciaTrie trie = new MerklePatriciaTrie(store, new NodeCache(1 << 20));
    TrieStateRootCalculator calc = new TrieStateRootCalculator(trie);
    Map<Address, Account> model = new HashMap<>();
    Map<Address, Map<Hash, Hash>> modelStorage = new HashMap<>();
    Map<Hash, byte[]> codes = new HashMap<>();

    Hash root = Hash.EMPTY_TRIE;
    for (int b = 0; b < blocks; b++) {
      TriePreparedState p = calc.prepare(root, randomDiff(r, model, modelStorage, codes));
      assertThat(p.parentRoot()).isEqualTo(root);
      store.putAll(p.trieNodes());
      root = p.root();
    }

    Map<Address, Account> all = new HashMap<>(model);
    TriePreparedState scratch =
        new TrieStateRootCalculator(new MerklePatriciaTrie(new InMemoryNodeStore(), NodeCache.disabled()))
            .prepare(Hash.EMPTY_TRIE, new StateDiff(all, modelStorage, Map.of()));
    assertThat(root).isEqualTo(scratch.root());

    TrieStateView view = new TrieStateView(root, trie, codes::get);
    for (int i = 0; i < 24; i++) {
      Address a = address(i);
      Account expected = model.get(a);
      Account actual = view.account(a);
      if (expected == null) {
        assertThat(actual).isNull();
        assertThat(view.storage(a, word(1))).isEqualTo(Hash.ZERO);
        continue;
      }
      assertThat(actual.nonce()).isEqualTo(expected.nonce());
      assertThat(actual.balance()).isEqualTo(expected.balance());
      assertThat(actual.codeHash()).isEqualTo(expected.codeHash());
      assertThat(view.code(actual.codeHash())).isNotNull();
      for (int s = 0; s < 10; s++) {
        Hash v = modelStorage.getOrDefault(a, Map.of()).getOrDefault(word(s), Hash.ZERO);
        assertThat(view.storage(a, word(s))).isEqualTo(v);
      }
      if (modelStorage.getOrDefault(a, Map.of()).isEmpty()) {
        assertThat(actual.storageRoot()).isEqualTo(Hash.EMPTY_TRIE);
      }
    }
  }

  @Test
  void preparedStateListsFlatWritesDeletionsAndWipes() {
    InMemoryNodeStore store = new InMemoryNodeStore();
    TrieStateRootCalculator calc = new TrieStateRootCalculator(new MerklePatriciaTrie(store, NodeCache.disabled()));
    Address withStorage = address(1);
    Address plain = address(2);
    Account acct = new Account(1, Wei.of(5), Hash.EMPTY_TRIE, Hash.EMPTY_CODE);
    TriePreparedState genesis =
        calc.prepare(
            Hash.EMPTY_TRIE,
            new StateDiff(Map.of(withStorage, acct, plain, acct), Map.of(withStorage, Map.of(word(1), word(7))), Map.of()));
    store.putAll(genesis.trieNodes());
    assertThat(genesis.accounts().get(withStorage).storageRoot()).isNotEqualTo(Hash.EMPTY_TRIE);
    assertThat(genesis.accounts().get(plain).storageRoot()).isEqualTo(Hash.EMPTY_TRIE);
    assertThat(genesis.storage()).containsOnlyKeys(withStorage);

    Map<Address, Account> deletions = new HashMap<>();
    deletions.put(withStorage, null);
    deletions.put(plain, null);
    deletions.put(address(3), null); // never existed
    TriePreparedState next = calc.prepare(genesis.root(), new StateDiff(deletions, Map.of(), Map.of()));
    assertThat(next.root()).isEqualTo(Hash.EMPTY_TRIE);
    assertThat(next.deletedAccounts()).containsExactlyInAnyOrder(withStorage, plain);
    assertThat(next.wipedStorage()).containsExactly(withStorage);
    assertThat(next.accounts()).isEmpty();
  }

  @Test
  void storageForAMissingAccountAndMismatchedCodeAreRejected() {
    TrieStateRootCalculator calc =
        new TrieStateRootCalculator(new MerklePatriciaTrie(new InMemoryNodeStore(), NodeCache.disabled()));
    assertThatThrownBy(
            () -> calc.prepare(Hash.EMPTY_TRIE, new StateDiff(Map.of(), Map.of(address(1), Map.of(word(1), word(2))), Map.of())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> calc.prepare(Hash.EMPTY_TRIE, new StateDiff(Map.of(), Map.of(), Map.of(Hash.ZERO, new byte[] {1}))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unchangedAccountsWriteNoNodes() {
    InMemoryNodeStore store = new InMemoryNodeStore();
    TrieStateRootCalculator calc = new TrieStateRootCalculator(new MerklePatriciaTrie(store, NodeCache.disabled()));
    Map<Address, Account> accounts = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      accounts.put(address(i), new Account(i, Wei.of(i), Hash.EMPTY_TRIE, Hash.EMPTY_CODE));
    }
    TriePreparedState g = calc.prepare(Hash.EMPTY_TRIE, new StateDiff(accounts, Map.of(), Map.of()));
    store.putAll(g.trieNodes());
    TriePreparedState same = calc.prepare(g.root(), new StateDiff(Map.copyOf(accounts), Map.of(), Map.of()));
    assertThat(same.root()).isEqualTo(g.root());
    assertThat(same.trieNodes()).isEmpty();
    assertThat(List.copyOf(same.accounts().keySet())).hasSize(50);
  }
}
