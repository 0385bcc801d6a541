package dev.raftseq.chain.trie;

import dev.raftseq.chain.types.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded LRU cache of decoded, stored trie nodes, shared by all tries over one node store.
 * Entries are weighed by an estimate of their heap size. Thread-safe.
 *
 * <p>Only nodes known to be in the store belong here: a cached node is treated as clean (never
 * rewritten), so caching a node from an uncommitted update could lose it.
 */
public final class NodeCache {
  private final long maxWeight;
  private long weight;
  private final LinkedHashMap<Hash, Entry> map = new LinkedHashMap<>(1024, 0.75f, true);
  private long hits;
  private long misses;

  /** A decoded node, or (for nodes added after a commit) its encoding, decoded on first use. */
  private static final class Entry {
    Node node;
    byte[] encoded;
    final int weight;

    Entry(Node node, byte[] encoded, int weight) {
      this.node = node;
      this.encoded = encoded;
      this.weight = weight;
    }
  }

  /** A cache holding at most about {@code maxBytes} of decoded nodes; 0 disables caching. */
  public NodeCache(long maxBytes) {
    this.maxWeight = maxBytes;
  }

  public static NodeCache disabled() {
    return new NodeCache(0);
  }

  synchronized Node get(Hash hash) {
    Entry e = map.get(hash);
    if (e == null) {
      misses++;
      return null;
    }
    hits++;
    if (e.node == null) {
      e.node = Node.decode(e.encoded, hash);
      e.encoded = null;
    }
    return e.node;
  }

  synchronized void put(Hash hash, Node node, int encodedLength) {
    insert(hash, new Entry(node, null, weight(encodedLength)));
  }

  // a decoded node takes about three times its encoding: each 33-byte child reference becomes a
  // Ref, a Hash and a 32-byte array (~90 bytes); plus the node, its own reference and map entry
  private static int weight(int encodedLength) {
    return 160 + encodedLength * 3;
  }

  private void insert(Hash hash, Entry entry) {
    if (maxWeight == 0) {
      return;
    }
    int w = entry.weight;
    Entry old = map.put(hash, entry);
    weight += w - (old == null ? 0 : old.weight);
    if (weight > maxWeight) {
      var it = map.entrySet().iterator();
      while (weight > maxWeight && it.hasNext()) {
        weight -= it.next().getValue().weight;
        it.remove();
      }
    }
  }

  /**
   * Adds nodes that have just been written to the store (e.g. after a block commit), so the next
   * update finds the upper levels of the trie in memory. They are decoded when first used: most
   * new leaves are never read again before they are evicted.
   */
  public synchronized void putStored(Map<Hash, byte[]> stored) {
    for (Map.Entry<Hash, byte[]> e : stored.entrySet()) {
      insert(e.getKey(), new Entry(null, e.getValue(), weight(e.getValue().length)));
    }
  }

  public synchronized int size() {
    return map.size();
  }

  public synchronized long hits() {
    return hits;
  }

  public synchronized long misses() {
    return misses;
  }

  @Override
  public synchronized String toString() {
    return "NodeCache[" + map.size() + " nodes, ~" + (weight >> 20) + " MiB, hits " + hits
        + ", misses " + misses + "]";
  }
}
