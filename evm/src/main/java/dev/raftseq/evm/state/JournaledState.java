package dev.raftseq.evm.state;

import dev.raftseq.evm.EvmAddress;
import dev.raftseq.evm.Keccak;
import dev.raftseq.evm.Word;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link WorldState} of one transaction over a {@link StateReader}: accounts and slots are
 * read once and kept, every change is recorded in a journal of undo steps, and a snapshot is a
 * journal length. Not thread-safe.
 */
public final class JournaledState implements WorldState {
  private final StateReader reader;
  private final Map<EvmAddress, Acct> accounts = new LinkedHashMap<>();
  private final List<Runnable> journal = new ArrayList<>();
  private final Set<EvmAddress> warmAccounts = new HashSet<>();
  private final Set<SlotKey> warmSlots = new HashSet<>();
  private final Map<SlotKey, Word> transients = new HashMap<>();
  private final Set<EvmAddress> touched = new HashSet<>();
  private final List<EvmLog> logs = new ArrayList<>();
  private long refund;

  public JournaledState(StateReader reader) {
    this.reader = reader;
  }

  private record SlotKey(EvmAddress address, Word key) {}

  private static final class Acct {
    final AccountInfo initial;
    boolean exists;
    long nonce;
    Word balance;
    Word codeHash;
    byte[] code;
    boolean created;
    boolean destructed;
    /** Set when the account was deleted and re-created: its pre-transaction storage is gone. */
    boolean storageWiped;
    final Map<Word, Word> storage = new HashMap<>();
    final Map<Word, Word> original = new HashMap<>();

    Acct(AccountInfo info) {
      this.initial = info;
      this.exists = info != null;
      this.nonce = info == null ? 0 : info.nonce();
      this.balance = info == null ? Word.ZERO : info.balance();
      this.codeHash = info == null ? Keccak.EMPTY : info.codeHash();
    }

    boolean isEmpty() {
      return nonce == 0 && balance.isZero() && codeHash.equals(Keccak.EMPTY);
    }
  }

  private Acct acct(EvmAddress a) {
    Acct x = accounts.get(a);
    if (x == null) {
      x = new Acct(reader.account(a));
      accounts.put(a, x);
    }
    return x;
  }

  /** Records the account's scalar fields so a revert restores them. */
  private void save(Acct x) {
    boolean exists = x.exists;
    long nonce = x.nonce;
    Word balance = x.balance;
    Word codeHash = x.codeHash;
    byte[] code = x.code;
    boolean created = x.created;
    boolean destructed = x.destructed;
    journal.add(
        () -> {
          x.exists = exists;
          x.nonce = nonce;
          x.balance = balance;
          x.codeHash = codeHash;
          x.code = code;
          x.created = created;
          x.destructed = destructed;
        });
  }

  /** Makes the account exist (as an empty account) if it does not. */
  private void ensureExists(Acct x) {
    if (!x.exists) {
      x.exists = true;
      x.nonce = 0;
      x.balance = Word.ZERO;
      x.codeHash = Keccak.EMPTY;
      x.code = null;
    }
  }

  @Override
  public boolean exists(EvmAddress a) {
    return acct(a).exists;
  }

  @Override
  public boolean isEmpty(EvmAddress a) {
    Acct x = acct(a);
    return !x.exists || x.isEmpty();
  }

  @Override
  public Word balance(EvmAddress a) {
    Acct x = acct(a);
    return x.exists ? x.balance : Word.ZERO;
  }

  @Override
  public long nonce(EvmAddress a) {
    Acct x = acct(a);
    return x.exists ? x.nonce : 0;
  }

  @Override
  public void setNonce(EvmAddress a, long nonce) {
    Acct x = acct(a);
    save(x);
    ensureExists(x);
    x.nonce = nonce;
  }

  @Override
  public Word codeHash(EvmAddress a) {
    Acct x = acct(a);
    return x.exists ? x.codeHash : Keccak.EMPTY;
  }

  @Override
  public byte[] code(EvmAddress a) {
    Acct x = acct(a);
    if (!x.exists || x.codeHash.equals(Keccak.EMPTY)) {
      return new byte[0];
    }
    if (x.code == null) {
      byte[] c = reader.code(x.codeHash);
      x.code = Objects.requireNonNull(c, () -> "missing code " + x.codeHash + " of " + a);
    }
    return x.code;
  }

  @Override
  public void setCode(EvmAddress a, byte[] code) {
    Acct x = acct(a);
    save(x);
    ensureExists(x);
    x.code = code;
    x.codeHash = Keccak.hash(code);
  }

  @Override
  public void addBalance(EvmAddress a, Word amount) {
    Acct x = acct(a);
    touch(a);
    save(x);
    ensureExists(x);
    x.balance = x.balance.add(amount);
  }

  @Override
  public void subBalance(EvmAddress a, Word amount) {
    Acct x = acct(a);
    touch(a);
    save(x);
    ensureExists(x);
    x.balance = x.balance.subtract(amount);
  }

  @Override
  public void touch(EvmAddress a) {
    if (touched.add(a)) {
      journal.add(() -> touched.remove(a));
    }
  }

  @Override
  public void createContract(EvmAddress a) {
    Acct x = acct(a);
    save(x);
    ensureExists(x);
    x.created = true;
  }

  @Override
  public boolean createdInThisTransaction(EvmAddress a) {
    return acct(a).created;
  }

  @Override
  public void markDestructed(EvmAddress a) {
    Acct x = acct(a);
    save(x);
    x.destructed = true;
  }

  @Override
  public boolean hasStorage(EvmAddress a) {
    Acct x = acct(a);
    if (x.initial != null && x.initial.hasStorage() && !x.storageWiped) {
      return true;
    }
    for (Word v : x.storage.values()) {
      if (!v.isZero()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Word storage(EvmAddress a, Word key) {
    Acct x = acct(a);
    Word v = x.storage.get(key);
    return v != null ? v : originalStorage(a, key);
  }

  @Override
  public Word originalStorage(EvmAddress a, Word key) {
    Acct x = acct(a);
    if (x.initial == null || !x.initial.hasStorage() || x.storageWiped) {
      return Word.ZERO;
    }
    Word v = x.original.get(key);
    if (v == null) {
      v = reader.storage(a, key);
      x.original.put(key, v);
    }
    return v;
  }

  @Override
  public void setStorage(EvmAddress a, Word key, Word value) {
    Acct x = acct(a);
    Word prev = x.storage.put(key, value);
    journal.add(
        () -> {
          if (prev == null) {
            x.storage.remove(key);
          } else {
            x.storage.put(key, prev);
          }
        });
  }

  @Override
  public Word transientStorage(EvmAddress a, Word key) {
    Word v = transients.get(new SlotKey(a, key));
    return v == null ? Word.ZERO : v;
  }

  @Override
  public void setTransientStorage(EvmAddress a, Word key, Word value) {
    SlotKey k = new SlotKey(a, key);
    Word prev = transients.put(k, value);
    journal.add(
        () -> {
          if (prev == null) {
            transients.remove(k);
          } else {
            transients.put(k, prev);
          }
        });
  }

  @Override
  public boolean warmAccount(EvmAddress a) {
    if (warmAccounts.add(a)) {
      journal.add(() -> warmAccounts.remove(a));
      return false;
    }
    return true;
  }

  @Override
  public boolean warmSlot(EvmAddress a, Word key) {
    SlotKey k = new SlotKey(a, key);
    if (warmSlots.add(k)) {
      journal.add(() -> warmSlots.remove(k));
      return false;
    }
    return true;
  }

  @Override
  public void addLog(EvmLog log) {
    logs.add(log);
    journal.add(() -> logs.remove(logs.size() - 1));
  }

  @Override
  public void addRefund(long gas) {
    long prev = refund;
    refund += gas;
    journal.add(() -> refund = prev);
  }

  @Override
  public void subRefund(long gas) {
    long prev = refund;
    refund -= gas;
    journal.add(() -> refund = prev);
  }

  @Override
  public long refund() {
    return refund;
  }

  @Override
  public int snapshot() {
    return journal.size();
  }

  @Override
  public void revertTo(int snapshot) {
    for (int i = journal.size() - 1; i >= snapshot; i--) {
      journal.remove(i).run();
    }
  }

  /** Logs of the transaction so far (reverted frames' logs are gone). */
  public List<EvmLog> logs() {
    return Collections.unmodifiableList(logs);
  }

  /**
   * Ends the transaction: self-destructed accounts and touched empty accounts (EIP-161) are
   * deleted, and every account that differs from the pre-transaction state is reported. The
   * journal is cleared; this state must not be used for another transaction.
   */
  public List<AccountChange> changes() {
    journal.clear();
    List<AccountChange> out = new ArrayList<>();
    for (Map.Entry<EvmAddress, Acct> e : accounts.entrySet()) {
      EvmAddress a = e.getKey();
      Acct x = e.getValue();
      AccountInfo before = x.initial;
      boolean delete = x.exists && (x.destructed || (touched.contains(a) && x.isEmpty()));
      if (!x.exists || delete) {
        if (before != null) {
          out.add(new AccountChange(a, true, true, 0, Word.ZERO, Keccak.EMPTY, null, Map.of()));
        }
        continue;
      }
      Map<Word, Word> slots = new LinkedHashMap<>();
      for (Map.Entry<Word, Word> s : x.storage.entrySet()) {
        if (!s.getValue().equals(originalStorage(a, s.getKey()))) {
          slots.put(s.getKey(), s.getValue());
        }
      }
      boolean same =
          before != null
              && before.nonce() == x.nonce
              && before.balance().equals(x.balance)
              && before.codeHash().equals(x.codeHash)
              && slots.isEmpty();
      if (!same) {
        byte[] code = before != null && before.codeHash().equals(x.codeHash) ? null : x.code;
        out.add(new AccountChange(a, false, x.storageWiped, x.nonce, x.balance, x.codeHash, code, slots));
      }
    }
    return out;
  }
}
