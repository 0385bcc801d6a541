package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.evm.EvmAddress;
import dev.raftseq.evm.Word;
import dev.raftseq.evm.state.AccountChange;
import dev.raftseq.evm.state.AccountInfo;
import dev.raftseq.evm.state.StateReader;
import java.util.List;
import java.util.Map;

/** The EVM's view of a block's {@link StateOverlay}, and the way its changes go back into it. */
final class EvmStateReader implements StateReader {
  private final StateOverlay state;

  EvmStateReader(StateOverlay state) {
    this.state = state;
  }

  static EvmAddress evm(Address a) {
    return EvmAddress.of(a.unsafeBytes());
  }

  static Address chain(EvmAddress a) {
    return new Address(a.unsafeBytes());
  }

  static Word word(Hash h) {
    return Word.fromBytes(h.unsafeBytes());
  }

  static Hash hash(Word w) {
    return new Hash(w.toBytes());
  }

  static Word word(Wei w) {
    return Word.fromBigInteger(w.value());
  }

  @Override
  public AccountInfo account(EvmAddress address) {
    Address a = chain(address);
    Account acc = state.account(a);
    if (acc == null) {
      return null;
    }
    return new AccountInfo(acc.nonce(), word(acc.balance()), word(acc.codeHash()), state.hasStorage(a));
  }

  @Override
  public Word storage(EvmAddress address, Word key) {
    return word(state.storage(chain(address), hash(key)));
  }

  @Override
  public byte[] code(Word codeHash) {
    return state.code(hash(codeHash));
  }

  /** Writes a finished transaction's changes into the overlay. */
  static void apply(StateOverlay state, List<AccountChange> changes) {
    for (AccountChange c : changes) {
      Address a = chain(c.address());
      if (c.deleted()) {
        state.put(a, Account.EMPTY);
        state.wipeStorage(a);
        continue;
      }
      if (c.storageWiped()) {
        state.wipeStorage(a);
      }
      Account before = state.accountOrEmpty(a);
      Hash codeHash = hash(c.codeHash());
      if (c.code() != null) {
        state.putCode(codeHash, c.code());
      }
      state.put(a, new Account(c.nonce(), Wei.of(c.balance().toBigInteger()), before.storageRoot(), codeHash));
      for (Map.Entry<Word, Word> s : c.storage().entrySet()) {
        state.putStorage(a, hash(s.getKey()), hash(s.getValue()));
      }
    }
  }
}
