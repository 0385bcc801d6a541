package dev.raftseq.chain.state;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.trie.TrieChange;
import dev.raftseq.chain.trie.TrieUpdate;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes state roots over the account trie (secure: keys keccak(address)) and per-account
 * storage tries (secure: keys keccak(slot)), incrementally from the parent root. Pure with
 * respect to the store: it reads nodes and returns what to write.
 *
 * <p>The storage root of an account is always derived from the parent state plus the diff's
 * storage writes; the storageRoot carried in {@link StateDiff#accounts()} is ignored. Deleting an
 * account drops its storage; an account in {@link StateDiff#storageWiped()} (deleted and created
 * again within the diff) starts from empty storage.
 */
public final class TrieStateRootCalculator implements StateRootCalculator {
  private final MerklePatriciaTrie trie;

  public TrieStateRootCalculator(MerklePatriciaTrie trie) {
    this.trie = trie;
  }

  @Override
  public TriePreparedState prepare(Hash parentRoot, StateDiff diff) {
    Set<Address> touched = new LinkedHashSet<>(diff.accounts().keySet());
    touched.addAll(diff.storage().keySet());
    for (Map.Entry<Hash, byte[]> c : diff.code().entrySet()) {
      if (!Keccak.hash(c.getValue()).equals(c.getKey())) {
        throw new IllegalArgumentException("code does not hash to " + c.getKey());
      }
    }

    MerklePatriciaTrie.Session accountTrie = trie.open(parentRoot);
    Map<Address, byte[]> keys = new HashMap<>();
    for (Address a : touched) {
      keys.put(a, Keccak.digest(a.unsafeBytes()));
    }
    accountTrie.prefetch(keys.values());

    Map<Hash, byte[]> nodes = new HashMap<>();
    Map<Address, Account> accounts = new LinkedHashMap<>();
    Set<Address> deleted = new LinkedHashSet<>();
    Set<Address> wiped = new LinkedHashSet<>();
    Map<Address, Map<Hash, Hash>> storage = new LinkedHashMap<>();
    List<TrieChange> accountChanges = new ArrayList<>(touched.size());

    for (Address address : touched) {
      byte[] key = keys.get(address);
      byte[] parentEnc = accountTrie.get(key);
      Account parent = parentEnc == null ? null : StateCodec.decodeAccount(parentEnc);
      Account fin = diff.accounts().containsKey(address) ? diff.accounts().get(address) : parent;
      Map<Hash, Hash> slots = diff.storage().getOrDefault(address, Map.of());
      if (fin == null) {
        if (!diff.accounts().containsKey(address) && !slots.isEmpty()) {
          throw new IllegalArgumentException("storage written for missing account " + address);
        }
        if (parent != null) {
          deleted.add(address);
          accountChanges.add(TrieChange.delete(key));
          if (!parent.storageRoot().equals(Hash.EMPTY_TRIE)) {
            wiped.add(address);
          }
        }
        continue;
      }
      boolean wipe = diff.storageWiped().contains(address);
      Hash storageRoot = parent == null || wipe ? Hash.EMPTY_TRIE : parent.storageRoot();
      if (wipe && parent != null && !parent.storageRoot().equals(Hash.EMPTY_TRIE)) {
        wiped.add(address);
      }
      if (!slots.isEmpty()) {
        storageRoot = updateStorage(storageRoot, slots, nodes);
        storage.put(address, slots);
      }
      Account account = new Account(fin.nonce(), fin.balance(), storageRoot, fin.codeHash());
      accounts.put(address, account);
      byte[] enc = StateCodec.encodeAccount(account);
      if (!Arrays.equals(enc, parentEnc)) {
        accountChanges.add(TrieChange.put(key, enc));
      }
    }
    TrieUpdate update = accountTrie.update(accountChanges);
    nodes.putAll(update.newNodes());
    return new TriePreparedState(
        parentRoot,
        update.root(),
        diff,
        nodes,
        accounts,
        deleted,
        wiped,
        storage,
        new HashMap<>(diff.code()));
  }

  private Hash updateStorage(Hash root, Map<Hash, Hash> slots, Map<Hash, byte[]> nodes) {
    List<TrieChange> changes = new ArrayList<>(slots.size());
    for (Map.Entry<Hash, Hash> s : slots.entrySet()) {
      byte[] key = Keccak.digest(s.getKey().unsafeBytes());
      changes.add(
          s.getValue().equals(Hash.ZERO)
              ? TrieChange.delete(key)
              : TrieChange.put(key, StateCodec.encodeStorageValue(s.getValue())));
    }
    TrieUpdate u = trie.update(root, changes);
    nodes.putAll(u.newNodes());
    return u.root();
  }
}
