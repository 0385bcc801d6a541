package dev.raftseq.chain.trie;

import dev.raftseq.chain.types.Hash;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Trie nodes in a map: for transient tries (transactions and receipts roots) and tests. */
public final class InMemoryNodeStore implements NodeStore {
  private final Map<Hash, byte[]> nodes = new ConcurrentHashMap<>();

  @Override
  public byte[] get(Hash hash) {
    return nodes.get(hash);
  }

  public void putAll(Map<Hash, byte[]> newNodes) {
    nodes.putAll(newNodes);
  }

  public int size() {
    return nodes.size();
  }
}
