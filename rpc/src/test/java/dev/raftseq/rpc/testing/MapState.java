package dev.raftseq.rpc.testing;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;
import java.util.HashMap;
import java.util.Map;

/**
 * An immutable in-memory state for RPC tests. Its root is a stand-in (keccak of a label), not a
 * trie root: the RPC only uses roots to find states.
 */
public final class MapState implements StateView {
  private final Hash root;
  private final Map<Address, Account> accounts;
  private final Map<Address, Map<Hash, Hash>> storage;
  private final Map<Hash, byte[]> code;

  private MapState(Hash root, Map<Address, Account> accounts, Map<Address, Map<Hash, Hash>> storage,
      Map<Hash, byte[]> code) {
    this.root = root;
    this.accounts = Map.copyOf(accounts);
    this.storage = Map.copyOf(storage);
    this.code = Map.copyOf(code);
  }

  public static MapState empty(String label) {
    return new MapState(Keccak.hash(label.getBytes()), Map.of(), Map.of(), Map.of(Hash.EMPTY_CODE, new byte[0]));
  }

  /** A copy with another root label and an account changed. */
  public MapState with(String label, Address a, long nonce, Wei balance) {
    Map<Address, Account> next = new HashMap<>(accounts);
    Account old = accounts.getOrDefault(a, Account.EMPTY);
    next.put(a, new Account(nonce, balance, old.storageRoot(), old.codeHash()));
    return new MapState(Keccak.hash(label.getBytes()), next, storage, code);
  }

  public MapState withContract(String label, Address a, byte[] bytecode, Hash slot, Hash value) {
    Map<Address, Account> nextAccounts = new HashMap<>(accounts);
    Hash codeHash = Keccak.hash(bytecode);
    // a stand-in storage root: not the trie's, but non-empty as a real one would be (the EVM reads
    // storage only of accounts whose storage root says they have some)
    nextAccounts.put(a, new Account(1, Wei.ZERO, Keccak.hash(("storage of " + label).getBytes()), codeHash));
    Map<Hash, byte[]> nextCode = new HashMap<>(code);
    nextCode.put(codeHash, bytecode.clone());
    Map<Address, Map<Hash, Hash>> nextStorage = new HashMap<>(storage);
    nextStorage.put(a, Map.of(slot, value));
    return new MapState(Keccak.hash(label.getBytes()), nextAccounts, nextStorage, nextCode);
  }

  /** The accounts and storage, for building a real trie (proofs). */
  public dev.raftseq.chain.state.StateDiff asDiff() {
    return new dev.raftseq.chain.state.StateDiff(accounts, storage, code);
  }

  @Override
  public Hash root() {
    return root;
  }

  @Override
  public Account account(Address address) {
    return accounts.get(address);
  }

  @Override
  public Hash storage(Address address, Hash slot) {
    return storage.getOrDefault(address, Map.of()).getOrDefault(slot, Hash.ZERO);
  }

  @Override
  public byte[] code(Hash codeHash) {
    byte[] c = code.get(codeHash);
    return c == null ? null : c.clone();
  }
}
