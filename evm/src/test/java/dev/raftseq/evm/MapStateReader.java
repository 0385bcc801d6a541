package dev.raftseq.evm;

import dev.raftseq.evm.state.AccountInfo;
import dev.raftseq.evm.state.StateReader;
import java.util.HashMap;
import java.util.Map;

/** A pre-state held in maps, for tests. */
final class MapStateReader implements StateReader {
  private final Map<EvmAddress, AccountInfo> accounts = new HashMap<>();
  private final Map<EvmAddress, Map<Word, Word>> storage = new HashMap<>();
  private final Map<Word, byte[]> code = new HashMap<>();

  MapStateReader account(EvmAddress a, long nonce, Word balance, byte[] c) {
    Word h = Keccak.hash(c);
    code.put(h, c);
    accounts.put(a, new AccountInfo(nonce, balance, h, storage.containsKey(a)));
    return this;
  }

  MapStateReader slot(EvmAddress a, Word key, Word value) {
    storage.computeIfAbsent(a, k -> new HashMap<>()).put(key, value);
    AccountInfo i = accounts.get(a);
    if (i != null) {
      accounts.put(a, new AccountInfo(i.nonce(), i.balance(), i.codeHash(), true));
    }
    return this;
  }

  @Override
  public AccountInfo account(EvmAddress address) {
    return accounts.get(address);
  }

  @Override
  public Word storage(EvmAddress address, Word key) {
    return storage.getOrDefault(address, Map.of()).getOrDefault(key, Word.ZERO);
  }

  @Override
  public byte[] code(Word codeHash) {
    return code.get(codeHash);
  }
}
