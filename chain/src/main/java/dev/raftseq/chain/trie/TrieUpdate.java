package dev.raftseq.chain.trie;

import dev.raftseq.chain.types.Hash;
import java.util.Collections;
import java.util.Map;

/**
 * The result of updating a trie: its new root and the nodes the update created, by hash, that
 * must be stored for the new root to be readable. Old nodes are never modified (no pruning), so
 * the parent root stays readable too. The map is an unmodifiable view of the caller's map.
 */
public record TrieUpdate(Hash root, Map<Hash, byte[]> newNodes) {
  public TrieUpdate {
    newNodes = Collections.unmodifiableMap(newNodes);
  }
}
