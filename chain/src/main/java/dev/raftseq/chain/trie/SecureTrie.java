package dev.raftseq.chain.trie;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A trie whose keys are keccak256 of the given keys, as the state and storage tries are; this
 * bounds the depth and spreads keys evenly.
 */
public final class SecureTrie {
  private final MerklePatriciaTrie trie;

  public SecureTrie(MerklePatriciaTrie trie) {
    this.trie = trie;
  }

  public MerklePatriciaTrie trie() {
    return trie;
  }

  public byte[] get(Hash root, byte[] key) {
    return trie.get(root, Keccak.digest(key));
  }

  public TrieUpdate update(Hash root, Collection<TrieChange> changes) {
    return trie.update(root, hashKeys(changes));
  }

  /** The same changes with hashed keys. */
  public static List<TrieChange> hashKeys(Collection<TrieChange> changes) {
    List<TrieChange> out = new ArrayList<>(changes.size());
    for (TrieChange c : changes) {
      out.add(new TrieChange(Keccak.digest(c.key()), c.value()));
    }
    return out;
  }
}
