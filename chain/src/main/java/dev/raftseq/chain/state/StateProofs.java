package dev.raftseq.chain.state;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.List;

/** Builds EIP-1186 proofs (eth_getProof) from the account trie and the storage tries. */
public final class StateProofs {
  private StateProofs() {}

  public static AccountProof prove(MerklePatriciaTrie trie, Hash stateRoot, Address address, List<Hash> slots) {
    MerklePatriciaTrie.Session accounts = trie.open(stateRoot);
    byte[] key = Keccak.digest(address.unsafeBytes());
    List<byte[]> accountProof = accounts.proof(key);
    byte[] enc = accounts.get(key);
    Account account = enc == null ? null : StateCodec.decodeAccount(enc);
    Hash storageRoot = account == null ? Hash.EMPTY_TRIE : account.storageRoot();
    MerklePatriciaTrie.Session storage = trie.open(storageRoot);
    List<AccountProof.StorageProof> storageProofs = new ArrayList<>(slots.size());
    for (Hash slot : slots) {
      byte[] slotKey = Keccak.digest(slot.unsafeBytes());
      byte[] v = storage.get(slotKey);
      storageProofs.add(new AccountProof.StorageProof(
          slot, v == null ? Hash.ZERO : StateCodec.decodeStorageValue(v), storage.proof(slotKey)));
    }
    return new AccountProof(address, account, accountProof, storageProofs);
  }
}
