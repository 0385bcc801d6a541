package dev.raftseq.chain.state;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/** EIP-1186 proofs: each node hashes to the reference its parent holds, ending at the value. */
class StateProofsTest {
  private final InMemoryNodeStore store = new InMemoryNodeStore();
  private final MerklePatriciaTrie trie = new MerklePatriciaTrie(store, NodeCache.disabled());

  private static Address address(int i) {
    byte[] b = new byte[20];
    b[0] = (byte) i;
    b[19] = (byte) (i * 7);
    return new Address(b);
  }

  private static Hash word(long v) {
    byte[] b = new byte[32];
    for (int i = 0; i < 8; i++) {
      b[31 - i] = (byte) (v >>> (8 * i));
    }
    return new Hash(b);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /** The proof is a hash chain from {@code root}: node 0 hashes to it, each node's hash is in its parent. */
  private static void assertChain(Hash root, List<byte[]> proof) {
    assertThat(proof).isNotEmpty();
    assertThat(Keccak.hash(proof.get(0))).isEqualTo(root);
    for (int i = 1; i < proof.size(); i++) {
      assertThat(contains(proof.get(i - 1), Keccak.digest(proof.get(i)))).as("node %d referenced by its parent", i).isTrue();
    }
  }

  @Test
  void accountAndStorageProofsChainToTheRoots() {
    Map<Address, Account> accounts = new HashMap<>();
    Map<Address, Map<Hash, Hash>> storage = new HashMap<>();
    for (int i = 1; i <= 200; i++) {
      accounts.put(address(i), new Account(i, Wei.of(1000L * i), Hash.EMPTY_TRIE, Hash.EMPTY_CODE));
    }
    Map<Hash, Hash> slots = new HashMap<>();
    for (int s = 0; s < 50; s++) {
      slots.put(word(s), word(1_000_000L + s));
    }
    storage.put(address(5), slots);
    TriePreparedState state = new TrieStateRootCalculator(trie).prepare(Hash.EMPTY_TRIE, new StateDiff(accounts, storage, Map.of()));
    store.putAll(state.trieNodes());

    AccountProof p = StateProofs.prove(trie, state.root(), address(5), List.of(word(7), word(999)));
    assertThat(p.account().nonce()).isEqualTo(5);
    assertChain(state.root(), p.accountProof());
    byte[] last = p.accountProof().get(p.accountProof().size() - 1);
    assertThat(contains(last, StateCodec.encodeAccount(p.account()))).as("the leaf holds the account").isTrue();
    assertThat(p.account().storageRoot()).isNotEqualTo(Hash.EMPTY_TRIE);

    AccountProof.StorageProof present = p.storageProofs().get(0);
    assertThat(present.value()).isEqualTo(word(1_000_007L));
    assertChain(p.account().storageRoot(), present.proof());
    assertThat(contains(present.proof().get(present.proof().size() - 1), StateCodec.encodeStorageValue(present.value())))
        .isTrue();
    AccountProof.StorageProof absentSlot = p.storageProofs().get(1);
    assertThat(absentSlot.value()).isEqualTo(Hash.ZERO);
    assertChain(p.account().storageRoot(), absentSlot.proof());

    AccountProof absent = StateProofs.prove(trie, state.root(), address(250), List.of(word(1)));
    assertThat(absent.account()).isNull();
    assertChain(state.root(), absent.accountProof());
    assertThat(absent.storageProofs().get(0).proof()).as("no storage trie").isEmpty();
  }
}
