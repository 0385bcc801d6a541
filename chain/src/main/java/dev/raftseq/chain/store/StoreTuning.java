package dev.raftseq.chain.store;

/**
 * Memory knobs of {@link RocksChainStore}; the defaults keep a node at about 300 MiB of off-heap
 * plus heap caches (see the options comment in {@code RocksChainStore}).
 *
 * @param blockCacheBytes RocksDB LRU block cache shared by all column families (data, index and
 *     filter blocks, plus memtables through the write buffer manager)
 * @param writeBufferBytes limit of all memtables together, charged to the block cache
 * @param nodeCacheBytes heap cache of decoded trie nodes (upper trie levels stay hot)
 * @param recentBlocks decoded blocks kept on heap (decoding recovers every sender)
 */
public record StoreTuning(long blockCacheBytes, long writeBufferBytes, long nodeCacheBytes, int recentBlocks) {
  public static final StoreTuning DEFAULT = new StoreTuning(128L << 20, 64L << 20, 64L << 20, 64);

  public StoreTuning {
    if (blockCacheBytes < (8 << 20) || writeBufferBytes < (4 << 20) || nodeCacheBytes < 0 || recentBlocks < 1) {
      throw new IllegalArgumentException("store tuning too small: " + blockCacheBytes + "/" + writeBufferBytes);
    }
  }
}
