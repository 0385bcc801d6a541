package dev.raftseq.chain.store;

import dev.raftseq.chain.trie.NodeStore;
import dev.raftseq.chain.types.Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** Trie nodes in a RocksDB column family, keyed by hash; batched reads use multiGet. */
public final class RocksNodeStore implements NodeStore {
  private final RocksDB db;
  private final ColumnFamilyHandle cf;

  public RocksNodeStore(RocksDB db, ColumnFamilyHandle cf) {
    this.db = db;
    this.cf = cf;
  }

  @Override
  public byte[] get(Hash hash) {
    try {
      return db.get(cf, hash.unsafeBytes());
    } catch (RocksDBException e) {
      throw new StoreException("reading trie node " + hash, e);
    }
  }

  @Override
  public List<byte[]> getAll(List<Hash> hashes) {
    if (hashes.size() == 1) {
      return Collections.singletonList(get(hashes.get(0)));
    }
    List<byte[]> keys = new ArrayList<>(hashes.size());
    for (Hash h : hashes) {
      keys.add(h.unsafeBytes());
    }
    try {
      return db.multiGetAsList(Collections.nCopies(keys.size(), cf), keys);
    } catch (RocksDBException e) {
      throw new StoreException("reading " + hashes.size() + " trie nodes", e);
    }
  }
}
