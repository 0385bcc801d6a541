package dev.raftseq.chain.state;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;

/** The world state at one root, read through the account trie and the storage tries. */
public final class TrieStateView implements StateView {
  private final Hash root;
  private final MerklePatriciaTrie trie;
  private final CodeSource codes;

  public TrieStateView(Hash root, MerklePatriciaTrie trie, CodeSource codes) {
    this.root = root;
    this.trie = trie;
    this.codes = codes;
  }

  @Override
  public Hash root() {
    return root;
  }

  @Override
  public Account account(Address address) {
    byte[] v = trie.get(root, Keccak.digest(address.unsafeBytes()));
    return v == null ? null : StateCodec.decodeAccount(v);
  }

  @Override
  public Hash storage(Address address, Hash slot) {
    Account a = account(address);
    if (a == null || a.storageRoot().equals(Hash.EMPTY_TRIE)) {
      return Hash.ZERO;
    }
    byte[] v = trie.get(a.storageRoot(), Keccak.digest(slot.unsafeBytes()));
    return v == null ? Hash.ZERO : StateCodec.decodeStorageValue(v);
  }

  @Override
  public byte[] code(Hash codeHash) {
    return codeHash.equals(Hash.EMPTY_CODE) ? new byte[0] : codes.code(codeHash);
  }
}
