package dev.raftseq.chain.exec;

import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Account, storage and code changes of a block being executed, layered over the parent state.
 * Reads see the block's own writes first. Not thread-safe: one block is executed by one thread.
 *
 * <p>EIP-161 is applied on write: an account left empty (no nonce, balance or code) does not
 * exist afterwards, as in go-ethereum where touched empty accounts are deleted at the end of
 * each transaction. So a zero-value transfer never creates an account. Deleting an account
 * (EIP-6780 self-destruct, EIP-161) drops its storage: {@link #wipeStorage}.
 */
public final class StateOverlay {
  private final StateView parent;
  /** Written accounts; a null value means "does not exist" (deleted or never created). */
  private final Map<Address, Account> written = new HashMap<>();
  /** The parent's value of every written account (null when absent), read once. */
  private final Map<Address, Account> original = new HashMap<>();
  /** Written storage slots per account. */
  private final Map<Address, Map<Hash, Hash>> storage = new HashMap<>();
  /** Accounts whose parent storage is gone (deleted in this block). */
  private final Set<Address> wiped = new HashSet<>();
  private final Map<Hash, byte[]> code = new HashMap<>();

  public StateOverlay(StateView parent) {
    this.parent = parent;
  }

  /** The account, or null when it does not exist. */
  public Account account(Address address) {
    if (written.containsKey(address)) {
      return written.get(address);
    }
    return parent.account(address);
  }

  /** The account, or {@link Account#EMPTY} when it does not exist. */
  public Account accountOrEmpty(Address address) {
    Account a = account(address);
    return a == null ? Account.EMPTY : a;
  }

  public boolean hasCode(Address address) {
    Account a = account(address);
    return a != null && !a.codeHash().equals(Hash.EMPTY_CODE);
  }

  public void put(Address address, Account account) {
    if (!written.containsKey(address)) {
      original.put(address, parent.account(address));
    }
    written.put(address, account.isEmpty() ? null : account);
  }

  public void addBalance(Address address, Wei amount) {
    if (amount.isZero() && account(address) == null) {
      return; // touching a missing account with nothing leaves it missing (EIP-161)
    }
    Account a = accountOrEmpty(address);
    put(address, a.withBalance(a.balance().add(amount)));
  }

  /** A storage word as the block has it so far; {@link Hash#ZERO} when unset. */
  public Hash storage(Address address, Hash slot) {
    Map<Hash, Hash> slots = storage.get(address);
    if (slots != null) {
      Hash v = slots.get(slot);
      if (v != null) {
        return v;
      }
    }
    if (wiped.contains(address)) {
      return Hash.ZERO;
    }
    return parent.storage(address, slot);
  }

  /** True when the account may hold non-zero storage (EIP-7610's collision test). */
  public boolean hasStorage(Address address) {
    Map<Hash, Hash> slots = storage.get(address);
    if (slots != null) {
      for (Hash v : slots.values()) {
        if (!v.equals(Hash.ZERO)) {
          return true;
        }
      }
    }
    if (wiped.contains(address)) {
      return false;
    }
    Account a = parent.account(address);
    return a != null && !a.storageRoot().equals(Hash.EMPTY_TRIE);
  }

  public void putStorage(Address address, Hash slot, Hash value) {
    storage.computeIfAbsent(address, k -> new HashMap<>()).put(slot, value);
  }

  /** Forgets the account's storage: its parent slots and any written in this block. */
  public void wipeStorage(Address address) {
    wiped.add(address);
    storage.remove(address);
  }

  /** Code by hash: deployed in this block, or the parent's. */
  public byte[] code(Hash codeHash) {
    byte[] c = code.get(codeHash);
    return c != null ? c : parent.code(codeHash);
  }

  public void putCode(Hash codeHash, byte[] bytes) {
    code.put(codeHash, bytes);
  }

  /** What the block changed so far. Accounts and slots written back to their parent value are left out. */
  public StateDiff diff() {
    Map<Address, Account> accounts = new HashMap<>(written.size() * 2);
    for (Map.Entry<Address, Account> e : written.entrySet()) {
      Account before = original.get(e.getKey());
      Account after = e.getValue();
      if (after == null ? before != null : !after.equals(before)) {
        accounts.put(e.getKey(), after);
      }
    }
    Set<Address> storageWiped = new HashSet<>();
    for (Address a : wiped) {
      Account now = account(a);
      if (now != null) {
        storageWiped.add(a);
        accounts.putIfAbsent(a, now);
      }
    }
    Map<Address, Map<Hash, Hash>> slots = new HashMap<>();
    for (Map.Entry<Address, Map<Hash, Hash>> e : storage.entrySet()) {
      Address a = e.getKey();
      if (account(a) == null) {
        continue; // deleted: its storage goes with it
      }
      boolean fresh = wiped.contains(a);
      Map<Hash, Hash> changed = new HashMap<>();
      for (Map.Entry<Hash, Hash> s : e.getValue().entrySet()) {
        Hash before = fresh ? Hash.ZERO : parent.storage(a, s.getKey());
        if (!s.getValue().equals(before)) {
          changed.put(s.getKey(), s.getValue());
        }
      }
      if (!changed.isEmpty()) {
        slots.put(a, changed);
        if (!accounts.containsKey(a)) {
          accounts.put(a, account(a));
        }
      }
    }
    Map<Hash, byte[]> newCode = new HashMap<>();
    for (Account a : accounts.values()) {
      if (a != null && code.containsKey(a.codeHash())) {
        newCode.put(a.codeHash(), code.get(a.codeHash()));
      }
    }
    return new StateDiff(accounts, slots, newCode, storageWiped);
  }
}
