package dev.raftseq.chain.state;

import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.util.List;

/**
 * EIP-1186's proof of an account and some of its storage slots at one state root.
 *
 * @param account the account, or null when it does not exist (the proof then shows its absence)
 * @param accountProof the account trie's nodes on the path of keccak(address), root first
 */
public record AccountProof(Address address, Account account, List<byte[]> accountProof, List<StorageProof> storageProofs) {
  public AccountProof {
    accountProof = List.copyOf(accountProof);
    storageProofs = List.copyOf(storageProofs);
  }

  /** One slot: its value (zero when unset) and the storage trie's nodes on the path of keccak(key). */
  public record StorageProof(Hash key, Hash value, List<byte[]> proof) {
    public StorageProof {
      proof = List.copyOf(proof);
    }
  }
}
