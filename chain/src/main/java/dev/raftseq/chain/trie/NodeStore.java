package dev.raftseq.chain.trie;

import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.List;

/** Read access to trie nodes by the keccak hash of their RLP encoding. Thread-safe. */
public interface NodeStore {
  /** The node encoding stored under {@code hash}, or null when absent. */
  byte[] get(Hash hash);

  /** {@link #get} for each hash, in order; implementations batch the I/O. */
  default List<byte[]> getAll(List<Hash> hashes) {
    List<byte[]> out = new ArrayList<>(hashes.size());
    for (Hash h : hashes) {
      out.add(get(h));
    }
    return out;
  }
}
