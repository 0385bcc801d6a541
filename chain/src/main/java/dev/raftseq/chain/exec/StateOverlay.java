package dev.raftseq.chain.exec;

import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;
import java.util.HashMap;
import java.util.Map;

/**
 * Account changes of a block being executed, layered over the parent state. Reads see the
 * block's own writes first. Not thread-safe: one block is executed by one thread.
 *
 * <p>EIP-161 is applied on write: an account left empty (no nonce, balance or code) does not
 * exist afterwards, as in go-ethereum where touched empty accounts are deleted at the end of
 * each transaction. So a zero-value transfer never creates an account.
 */
public final class StateOverlay {
  private final StateView parent;
  /** Written accounts; a null value means "does not exist" (deleted or never created). */
  private final Map<Address, Account> written = new HashMap<>();
  /** The parent's value of every written account (null when absent), read once. */
  private final Map<Address, Account> original = new HashMap<>();

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

  /** What the block changed so far. Accounts written back to their parent value are left out. */
  public StateDiff diff() {
    Map<Address, Account> accounts = new HashMap<>(written.size() * 2);
    for (Map.Entry<Address, Account> e : written.entrySet()) {
      Account before = original.get(e.getKey());
      Account after = e.getValue();
      if (after == null ? before != null : !after.equals(before)) {
        accounts.put(e.getKey(), after);
      }
    }
    return new StateDiff(accounts, Map.of(), Map.of());
  }
}
