package dev.raftseq.chain.state;

import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * A {@link PreparedState} computed over Merkle-Patricia tries: everything a commit must write
 * for {@link #root()} to become the head state, relative to {@link #parentRoot()}.
 *
 * @param trieNodes nodes created in the account trie and in storage tries, by hash
 * @param accounts final value of every surviving touched account, storage root recomputed (the
 *     flat account entries to put)
 * @param deletedAccounts accounts that existed at the parent and are gone (flat entries to delete)
 * @param wipedStorage deleted accounts that had storage: all their flat storage entries go
 * @param storage slot writes of surviving accounts; {@link Hash#ZERO} deletes the slot
 * @param code new code by hash
 */
public record TriePreparedState(
    Hash parentRoot,
    Hash root,
    StateDiff diff,
    Map<Hash, byte[]> trieNodes,
    Map<Address, Account> accounts,
    Set<Address> deletedAccounts,
    Set<Address> wipedStorage,
    Map<Address, Map<Hash, Hash>> storage,
    Map<Hash, byte[]> code)
    implements PreparedState {

  public TriePreparedState {
    trieNodes = Collections.unmodifiableMap(trieNodes);
    accounts = Collections.unmodifiableMap(accounts);
    deletedAccounts = Collections.unmodifiableSet(deletedAccounts);
    wipedStorage = Collections.unmodifiableSet(wipedStorage);
    storage = Collections.unmodifiableMap(storage);
    code = Collections.unmodifiableMap(code);
  }
}
