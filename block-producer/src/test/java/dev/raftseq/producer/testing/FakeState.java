package dev.raftseq.producer.testing;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** A world state in a map, for pure-logic tests. Its root is a digest of its contents. */
public final class FakeState implements StateView {
  public static final Wei RICH = Wei.of(1_000_000_000_000_000_000L);

  private final Map<Address, Account> accounts;

  public FakeState() {
    this(new TreeMap<>());
  }

  private FakeState(Map<Address, Account> accounts) {
    this.accounts = accounts;
  }

  /** A state where each address has {@link #RICH} and nonce 0. */
  public static FakeState funded(Address... addresses) {
    FakeState s = new FakeState();
    for (Address a : addresses) {
      s.put(a, new Account(0, RICH, Hash.EMPTY_TRIE, Hash.EMPTY_CODE));
    }
    return s;
  }

  public FakeState copy() {
    return new FakeState(new TreeMap<>(accounts));
  }

  public FakeState put(Address a, Account account) {
    accounts.put(a, account);
    return this;
  }

  public FakeState setNonce(Address a, long nonce) {
    return put(a, accountOrEmpty(a).withNonce(nonce));
  }

  public FakeState setBalance(Address a, Wei balance) {
    return put(a, accountOrEmpty(a).withBalance(balance));
  }

  /** Gives {@code a} code, which the pool refuses to call. */
  public FakeState setCode(Address a, byte[] code) {
    Account acc = accountOrEmpty(a);
    return put(a, new Account(acc.nonce(), acc.balance(), acc.storageRoot(), Keccak.hash(code)));
  }

  public Account accountOrEmpty(Address a) {
    Account acc = accounts.get(a);
    return acc == null ? Account.EMPTY : acc;
  }

  public long nonce(Address a) {
    return accountOrEmpty(a).nonce();
  }

  @Override
  public Hash root() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<Address, Account> e : accounts.entrySet()) {
      out.writeBytes(e.getKey().unsafeBytes());
      out.writeBytes(e.getValue().toString().getBytes(StandardCharsets.UTF_8));
    }
    return Keccak.hash(out.toByteArray());
  }

  @Override
  public Account account(Address address) {
    return accounts.get(address);
  }

  @Override
  public Hash storage(Address address, Hash slot) {
    return Hash.ZERO;
  }

  @Override
  public byte[] code(Hash codeHash) {
    return Hash.EMPTY_CODE.equals(codeHash) ? new byte[0] : null;
  }
}
