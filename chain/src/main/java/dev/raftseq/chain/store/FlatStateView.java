package dev.raftseq.chain.store;

import dev.raftseq.chain.state.StateCodec;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The head state read from flat entries (one point lookup per account or slot instead of a trie
 * walk), falling back to the trie once the head has moved on.
 *
 * <p>Flat entries always describe the newest head. The store bumps {@code generation} to an odd
 * value before writing a block and to the next even value after publishing the new head (a
 * seqlock). A flat read is used only if the generation equals the one this view was created at
 * both before and after the read; otherwise the same question goes to the trie at this view's
 * root, which never changes. So the view always answers for exactly its root.
 */
final class FlatStateView implements StateView {
  private final Hash root;
  private final long generation;
  private final AtomicLong currentGeneration;
  private final RocksDB db;
  private final ColumnFamilyHandle accounts;
  private final ColumnFamilyHandle storage;
  private final StateView trie;

  FlatStateView(
      Hash root,
      long generation,
      AtomicLong currentGeneration,
      RocksDB db,
      ColumnFamilyHandle accounts,
      ColumnFamilyHandle storage,
      StateView trie) {
    this.root = root;
    this.generation = generation;
    this.currentGeneration = currentGeneration;
    this.db = db;
    this.accounts = accounts;
    this.storage = storage;
    this.trie = trie;
  }

  @Override
  public Hash root() {
    return root;
  }

  private boolean current() {
    return currentGeneration.get() == generation;
  }

  @Override
  public Account account(Address address) {
    if (current()) {
      byte[] v = get(accounts, address.unsafeBytes());
      if (current()) {
        return v == null ? null : StateCodec.decodeAccount(v);
      }
    }
    return trie.account(address);
  }

  @Override
  public Hash storage(Address address, Hash slot) {
    if (current()) {
      byte[] v = get(storage, RocksChainStore.storageKey(address, slot));
      if (current()) {
        return v == null ? Hash.ZERO : StateCodec.padWord(v);
      }
    }
    return trie.storage(address, slot);
  }

  @Override
  public byte[] code(Hash codeHash) {
    return trie.code(codeHash);
  }

  private byte[] get(ColumnFamilyHandle cf, byte[] key) {
    try {
      return db.get(cf, key);
    } catch (RocksDBException e) {
      throw new StoreException("reading flat state", e);
    }
  }
}
