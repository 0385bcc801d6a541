package dev.raftseq.chain.store;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.state.StateCodec;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.state.TriePreparedState;
import dev.raftseq.chain.state.TrieStateRootCalculator;
import dev.raftseq.chain.state.TrieStateView;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.trie.NodeCache;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxLocation;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain database on RocksDB: blocks, indexes, receipts, state (trie nodes and flat entries),
 * the replicated pool and the applied Raft index, one column family per kind.
 *
 * <p>Every write method is one {@link WriteBatch}, so after a crash the database holds a prefix of
 * the committed batches and each batch entirely or not at all. With {@link Durability#SYNC_EACH_WRITE}
 * every batch is synced before the method returns; with {@link Durability#SYNC_ON_REQUEST} batches
 * reach the operating system at once (a process crash loses nothing) and the disk at
 * {@link #syncWal()} (a power cut loses at most what followed the last sync, which the Raft log
 * replays). The in-memory head is published only after its batch is written; reads never return a
 * block above the published head. Blocks are stored with their senders, so reading one recovers no
 * signature.
 *
 * <h2>RocksDB options (memory stays near {@link StoreTuning#DEFAULT}: 128 MiB cache + 64 MiB heap
 * node cache)</h2>
 *
 * <ul>
 *   <li>One {@link LRUCache} is the block cache of every column family, and index and filter
 *       blocks live in it too ({@code cache_index_and_filter_blocks}, L0 pinned), so read memory
 *       is bounded no matter how many files or column families there are.
 *   <li>A {@link WriteBufferManager} charges all memtables to that same cache and caps them
 *       together (64 MiB by default); per column family {@code write_buffer_size} is 16 MiB, 32
 *       MiB for trie nodes and flat state, which take most writes.
 *   <li>Whole-key bloom filters (10 bits per key, about 1% false positives) on every column
 *       family: all reads are point lookups (hash, address or number keys), and many are misses
 *       (pool duplicate checks, absent accounts, absent slots), which the filter answers without
 *       reading a data block. {@code optimize_filters_for_memory} trims filter allocation.
 *   <li>Compression: LZ4 everywhere (cheap; state leaves repeat the empty-trie and empty-code
 *       hashes, blocks and receipts are RLP with zero runs), ZSTD on the bottommost level of
 *       blocks and receipts, which are written once and read rarely.
 *   <li>Block size 16 KiB for blocks and receipts (large values, sequential reads), 4 KiB for the
 *       point-lookup column families.
 *   <li>{@code max_background_jobs=2} (2-core machines), {@code bytes_per_sync=1 MiB} to spread
 *       write-back instead of stalling on fsync; dynamic level sizing (RocksDB default).
 * </ul>
 */
public final class RocksChainStore implements ChainStore {
  private static final Logger LOG = LoggerFactory.getLogger(RocksChainStore.class);

  static {
    RocksDB.loadLibrary();
  }

  private static final String CF_HEADERS = "headers";
  private static final String CF_BLOCKS = "blocks";
  private static final String CF_BLOCK_NUMBERS = "block_numbers";
  private static final String CF_TX_LOCATIONS = "tx_locations";
  private static final String CF_RECEIPTS = "receipts";
  private static final String CF_TRIE_NODES = "trie_nodes";
  private static final String CF_FLAT_ACCOUNTS = "flat_accounts";
  private static final String CF_FLAT_STORAGE = "flat_storage";
  private static final String CF_CODE = "code";
  /** Legacy committed set (by sequence number, with a hash index); migrated to {@link #CF_COMMITTED} at open. */
  private static final String CF_POOL = "pool";
  private static final String CF_POOL_HASHES = "pool_hashes";
  /** The committed set: tx hash → seq (8 bytes) || 0x00 || sender || raw, one put to add, one delete to remove. */
  private static final String CF_COMMITTED = "committed";
  private static final String CF_BLOCK_SENDERS = "block_senders";
  private static final String CF_META = "meta";

  private static final byte[] META_CHAIN_ID = bytes("chain_id");
  private static final byte[] META_HEAD = bytes("head");
  private static final byte[] META_APPLIED = bytes("applied");
  /** The consensus members in force at the applied index: 64-byte node ids, concatenated. */
  private static final byte[] META_MEMBERS = bytes("members");

  private final long chainId;
  private final RocksDB db;
  private final List<AutoCloseable> resources;
  /** How every write batch is written: synced or not, per the store's {@link Durability}. */
  private final WriteOptions writes;
  private final Durability durability;
  private final ColumnFamilyHandle headers;
  private final ColumnFamilyHandle blocks;
  private final ColumnFamilyHandle blockNumbers;
  private final ColumnFamilyHandle txLocations;
  private final ColumnFamilyHandle receipts;
  private final ColumnFamilyHandle trieNodes;
  private final ColumnFamilyHandle flatAccounts;
  private final ColumnFamilyHandle flatStorage;
  private final ColumnFamilyHandle code;
  private final ColumnFamilyHandle pool;
  private final ColumnFamilyHandle poolHashes;
  private final ColumnFamilyHandle committed;
  private final ColumnFamilyHandle blockSenders;
  private final ColumnFamilyHandle meta;
  private final Map<String, ColumnFamilyHandle> byName;

  private final NodeCache nodeCache;
  private final MerklePatriciaTrie trie;
  private final TrieStateRootCalculator calculator;
  private final RecentBlocks recent;

  private final Object writeLock = new Object();
  /** Seqlock for flat state: odd while a block batch is being written (see FlatStateView). */
  private final AtomicLong generation = new AtomicLong();

  private volatile Block head;
  private volatile AppliedIndex lastApplied;
  private volatile List<String> members;
  private long nextPoolSeq;
  private volatile boolean closed;

  private RocksChainStore(
      long chainId, RocksDB db, List<AutoCloseable> resources, Map<String, ColumnFamilyHandle> cfs, StoreTuning tuning,
      Durability durability) {
    this.chainId = chainId;
    this.db = db;
    this.resources = resources;
    this.durability = durability;
    this.writes = new WriteOptions().setSync(durability == Durability.SYNC_EACH_WRITE);
    resources.add(0, writes);
    this.headers = cfs.get(CF_HEADERS);
    this.blocks = cfs.get(CF_BLOCKS);
    this.blockNumbers = cfs.get(CF_BLOCK_NUMBERS);
    this.txLocations = cfs.get(CF_TX_LOCATIONS);
    this.receipts = cfs.get(CF_RECEIPTS);
    this.trieNodes = cfs.get(CF_TRIE_NODES);
    this.flatAccounts = cfs.get(CF_FLAT_ACCOUNTS);
    this.flatStorage = cfs.get(CF_FLAT_STORAGE);
    this.code = cfs.get(CF_CODE);
    this.pool = cfs.get(CF_POOL);
    this.poolHashes = cfs.get(CF_POOL_HASHES);
    this.committed = cfs.get(CF_COMMITTED);
    this.blockSenders = cfs.get(CF_BLOCK_SENDERS);
    this.meta = cfs.get(CF_META);
    this.byName = Map.copyOf(cfs);
    this.nodeCache = new NodeCache(tuning.nodeCacheBytes());
    this.trie = new MerklePatriciaTrie(new RocksNodeStore(db, trieNodes), nodeCache);
    this.calculator = new TrieStateRootCalculator(trie);
    this.recent = new RecentBlocks(tuning.recentBlocks());
  }

  /** Opens (creating if needed) the database in {@code dir} for a chain with this id; every write synced. */
  public static RocksChainStore open(Path dir, long chainId) {
    return open(dir, chainId, StoreTuning.DEFAULT);
  }

  public static RocksChainStore open(Path dir, long chainId, StoreTuning tuning) {
    return open(dir, chainId, tuning, Durability.SYNC_EACH_WRITE);
  }

  public static RocksChainStore open(Path dir, long chainId, StoreTuning tuning, Durability durability) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      LRUCache cache = new LRUCache(tuning.blockCacheBytes());
      resources.add(cache);
      WriteBufferManager wbm = new WriteBufferManager(tuning.writeBufferBytes(), cache);
      resources.add(wbm);
      BloomFilter bloom = new BloomFilter(10);
      resources.add(bloom);

      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions(cache, bloom, 4 << 20, 4 << 10, false, resources)));
      for (String name :
          List.of(CF_HEADERS, CF_BLOCK_NUMBERS, CF_TX_LOCATIONS, CF_CODE, CF_POOL, CF_POOL_HASHES, CF_META,
              CF_BLOCK_SENDERS, CF_COMMITTED)) {
        descriptors.add(new ColumnFamilyDescriptor(bytes(name), cfOptions(cache, bloom, 16 << 20, 4 << 10, false, resources)));
      }
      for (String name : List.of(CF_BLOCKS, CF_RECEIPTS)) {
        descriptors.add(new ColumnFamilyDescriptor(bytes(name), cfOptions(cache, bloom, 16 << 20, 16 << 10, true, resources)));
      }
      for (String name : List.of(CF_TRIE_NODES, CF_FLAT_ACCOUNTS, CF_FLAT_STORAGE)) {
        descriptors.add(new ColumnFamilyDescriptor(bytes(name), cfOptions(cache, bloom, 32 << 20, 4 << 10, false, resources)));
      }
      DBOptions options =
          new DBOptions()
              .setCreateIfMissing(true)
              .setCreateMissingColumnFamilies(true)
              .setWriteBufferManager(wbm)
              .setMaxBackgroundJobs(2)
              .setBytesPerSync(1 << 20)
              .setKeepLogFileNum(5);
      resources.add(options);
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles);
      // handles close before the db, the db before its options (closed in list order)
      List<AutoCloseable> ordered = new ArrayList<>(handles);
      ordered.add(db);
      ordered.addAll(resources);
      Map<String, ColumnFamilyHandle> byName = new LinkedHashMap<>();
      for (int i = 0; i < descriptors.size(); i++) {
        byName.put(new String(descriptors.get(i).getName(), java.nio.charset.StandardCharsets.UTF_8), handles.get(i));
      }
      RocksChainStore store = new RocksChainStore(chainId, db, ordered, byName, tuning, durability);
      try {
        store.load();
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
      return store;
    } catch (RocksDBException | java.io.IOException e) {
      closeAll(resources);
      throw new StoreException("opening chain database in " + dir, e);
    }
  }

  private static ColumnFamilyOptions cfOptions(
      LRUCache cache, BloomFilter bloom, long writeBuffer, long blockSize, boolean zstdBottom, List<AutoCloseable> resources) {
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setFilterPolicy(bloom)
            .setWholeKeyFiltering(true)
            .setOptimizeFiltersForMemory(true)
            .setCacheIndexAndFilterBlocks(true)
            .setCacheIndexAndFilterBlocksWithHighPriority(true)
            .setPinL0FilterAndIndexBlocksInCache(true)
            .setBlockSize(blockSize);
    ColumnFamilyOptions o =
        new ColumnFamilyOptions()
            .setTableFormatConfig(table)
            .setWriteBufferSize(writeBuffer)
            .setMaxWriteBufferNumber(3)
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setBottommostCompressionType(zstdBottom ? CompressionType.ZSTD_COMPRESSION : CompressionType.LZ4_COMPRESSION)
            .setLevelCompactionDynamicLevelBytes(true);
    resources.add(o);
    return o;
  }

  private void load() throws RocksDBException {
    byte[] storedChainId = db.get(meta, META_CHAIN_ID);
    if (storedChainId == null) {
      db.put(meta, writes, META_CHAIN_ID, longBytes(chainId));
    } else if (readLong(storedChainId, 0) != chainId) {
      throw new StoreException("database is for chain " + readLong(storedChainId, 0) + ", not " + chainId);
    }
    byte[] headNumber = db.get(meta, META_HEAD);
    if (headNumber != null) {
      long n = readLong(headNumber, 0);
      head = readBlock(n).orElseThrow(() -> new StoreException("head block " + n + " is missing"));
      recent.put(head);
    }
    byte[] applied = db.get(meta, META_APPLIED);
    if (applied != null) {
      lastApplied = new AppliedIndex(readLong(applied, 0), readLong(applied, 8));
    }
    byte[] memberBytes = db.get(meta, META_MEMBERS);
    if (memberBytes != null) {
      members = decodeMembers(memberBytes);
    }
    migrateLegacyPool();
    long seq = -1;
    try (RocksIterator it = db.newIterator(committed)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        seq = Math.max(seq, readLong(it.value(), 0));
      }
    }
    nextPoolSeq = seq + 1;
    LOG.info(
        "opened chain {} database: head {}, applied {}, pool seq {}",
        chainId,
        head == null ? "none" : head.number() + " " + head.hash(),
        lastApplied,
        nextPoolSeq);
  }

  // ------------------------------------------------------------------ writes

  @Override
  public TriePreparedState prepare(Hash parentRoot, StateDiff diff) {
    return calculator.prepare(parentRoot, diff);
  }

  @Override
  public boolean isEmpty() {
    return head == null;
  }

  @Override
  public void commit(BlockCommit commit) {
    if (!(commit.state() instanceof TriePreparedState state)) {
      throw new IllegalArgumentException("state was not prepared by this store: " + commit.state().getClass());
    }
    Block block = commit.block();
    synchronized (writeLock) {
      ensureOpen();
      Block parent = head;
      if (parent == null) {
        if (!state.parentRoot().equals(Hash.EMPTY_TRIE)) {
          throw new IllegalStateException("the first block must be prepared from the empty state");
        }
      } else {
        if (!block.header().parentHash().equals(parent.hash()) || block.number() != parent.number() + 1) {
          throw new IllegalStateException(
              "block " + block.number() + " " + block.hash() + " does not extend head " + parent.number() + " " + parent.hash());
        }
        if (!state.parentRoot().equals(parent.header().stateRoot())) {
          throw new IllegalStateException("state prepared on " + state.parentRoot() + ", head state is " + parent.header().stateRoot());
        }
      }
      checkAppliedIndex(commit.appliedIndex());
      try (WriteBatch batch = new WriteBatch()) {
        writeBlock(batch, block, commit.receipts());
        writeState(batch, state);
        removeFromPool(batch, block, commit.poolRemovals());
        batch.put(meta, META_HEAD, longBytes(block.number()));
        if (commit.appliedIndex() != null) {
          batch.put(meta, META_APPLIED, appliedBytes(commit.appliedIndex()));
        }
        generation.incrementAndGet();
        try {
          db.write(writes, batch);
          head = block;
          if (commit.appliedIndex() != null) {
            lastApplied = commit.appliedIndex();
          }
        } finally {
          generation.incrementAndGet();
        }
      } catch (RocksDBException e) {
        throw new StoreException("committing block " + block.number(), e);
      }
      recent.put(block);
      nodeCache.putStored(state.trieNodes());
    }
  }

  private void checkAppliedIndex(AppliedIndex index) {
    AppliedIndex last = lastApplied;
    if (index != null && last != null && index.index() < last.index()) {
      throw new IllegalStateException("applied index " + index + " is behind " + last);
    }
  }

  private void writeBlock(WriteBatch batch, Block block, List<Receipt> blockReceipts) throws RocksDBException {
    byte[] number = longBytes(block.number());
    batch.put(headers, number, BlockCodec.encodeHeader(block.header()));
    batch.put(blocks, number, BlockCodec.encodeBlock(block));
    batch.put(blockNumbers, block.hash().unsafeBytes(), number);
    List<RecoveredTx> txs = block.transactions();
    byte[] senders = new byte[Address.LENGTH * txs.size()];
    for (int i = 0; i < txs.size(); i++) {
      System.arraycopy(txs.get(i).sender().unsafeBytes(), 0, senders, i * Address.LENGTH, Address.LENGTH);
    }
    batch.put(blockSenders, number, senders);
    for (int i = 0; i < txs.size(); i++) {
      batch.put(txLocations, txs.get(i).hash().unsafeBytes(), locationBytes(new TxLocation(block.hash(), block.number(), i)));
    }
    RlpWriter w = new RlpWriter(256 * (blockReceipts.size() + 1)).startList();
    for (Receipt r : blockReceipts) {
      w.writeBytes(BlockCodec.encodeReceipt(r));
    }
    batch.put(receipts, block.hash().unsafeBytes(), w.endList().toByteArray());
  }

  private void writeState(WriteBatch batch, TriePreparedState state) throws RocksDBException {
    for (Map.Entry<Hash, byte[]> n : state.trieNodes().entrySet()) {
      batch.put(trieNodes, n.getKey().unsafeBytes(), n.getValue());
    }
    for (Address a : state.wipedStorage()) {
      // all slots of the account: [addr||00..00, addr||ff..ff) and the last key itself
      byte[] last = storageKey(a, new Hash(filled((byte) 0xff)));
      batch.deleteRange(flatStorage, storageKey(a, Hash.ZERO), last);
      batch.delete(flatStorage, last);
    }
    for (Address a : state.deletedAccounts()) {
      batch.delete(flatAccounts, a.unsafeBytes());
    }
    for (Map.Entry<Address, Account> e : state.accounts().entrySet()) {
      batch.put(flatAccounts, e.getKey().unsafeBytes(), StateCodec.encodeAccount(e.getValue()));
    }
    for (Map.Entry<Address, Map<Hash, Hash>> e : state.storage().entrySet()) {
      for (Map.Entry<Hash, Hash> s : e.getValue().entrySet()) {
        byte[] key = storageKey(e.getKey(), s.getKey());
        if (s.getValue().equals(Hash.ZERO)) {
          batch.delete(flatStorage, key);
        } else {
          batch.put(flatStorage, key, StateCodec.trimWord(s.getValue()));
        }
      }
    }
    for (Map.Entry<Hash, byte[]> c : state.code().entrySet()) {
      batch.put(code, c.getKey().unsafeBytes(), c.getValue());
    }
  }

  private void removeFromPool(WriteBatch batch, Block block, List<Hash> others) throws RocksDBException {
    List<Hash> hashes = new ArrayList<>(block.transactions().size() + others.size());
    for (RecoveredTx tx : block.transactions()) {
      hashes.add(tx.hash());
    }
    hashes.addAll(others);
    deletePooled(batch, hashes);
  }

  private void deletePooled(WriteBatch batch, Collection<Hash> hashes) throws RocksDBException {
    for (Hash h : hashes) {
      batch.delete(committed, h.unsafeBytes());
    }
  }

  /** Moves a committed set written by earlier versions (sequence-keyed, with a hash index) to its own family. */
  private void migrateLegacyPool() throws RocksDBException {
    int moved = 0;
    try (RocksIterator it = db.newIterator(pool); WriteBatch batch = new WriteBatch()) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        long seq = readLong(it.key(), 0);
        byte[] v = it.value();
        RawTx tx = v.length > 1 + Address.LENGTH && v[0] == 0
            ? new RawTx(Arrays.copyOfRange(v, 1 + Address.LENGTH, v.length), new Address(Arrays.copyOfRange(v, 1, 1 + Address.LENGTH)))
            : new RawTx(v, null);
        batch.put(committed, Keccak.digest(tx.raw()), committedValue(seq, tx));
        batch.delete(pool, it.key());
        moved++;
      }
      if (moved > 0) {
        try (RocksIterator h = db.newIterator(poolHashes)) {
          for (h.seekToFirst(); h.isValid(); h.next()) {
            batch.delete(poolHashes, h.key());
          }
        }
        db.write(writes, batch);
        LOG.info("moved {} committed transactions to the '{}' column family", moved, CF_COMMITTED);
      }
    }
  }

  @Override
  public Optional<AppliedIndex> lastApplied() {
    return Optional.ofNullable(lastApplied);
  }

  @Override
  public void markApplied(AppliedIndex index) {
    synchronized (writeLock) {
      ensureOpen();
      checkAppliedIndex(index);
      try {
        db.put(meta, writes, META_APPLIED, appliedBytes(index));
      } catch (RocksDBException e) {
        throw new StoreException("recording applied index " + index, e);
      }
      lastApplied = index;
    }
  }

  @Override
  public void recordMembers(List<String> memberIds, AppliedIndex index) {
    java.util.Objects.requireNonNull(index, "index");
    byte[] encoded = encodeMembers(memberIds);
    synchronized (writeLock) {
      ensureOpen();
      checkAppliedIndex(index);
      try (WriteBatch batch = new WriteBatch()) {
        batch.put(meta, META_MEMBERS, encoded);
        batch.put(meta, META_APPLIED, appliedBytes(index));
        db.write(writes, batch);
      } catch (RocksDBException e) {
        throw new StoreException("recording consensus members at " + index, e);
      }
      members = List.copyOf(memberIds);
      lastApplied = index;
    }
  }

  @Override
  public Optional<List<String>> members() {
    return Optional.ofNullable(members);
  }

  private static byte[] encodeMembers(List<String> memberIds) {
    ByteBuffer out = ByteBuffer.allocate(64 * memberIds.size());
    for (String id : memberIds) {
      byte[] key = dev.raftseq.chain.types.Hex.decode(id);
      if (key.length != 64) {
        throw new IllegalArgumentException("a member id is a 64-byte public key, got " + key.length + " bytes");
      }
      out.put(key);
    }
    return out.array();
  }

  private static List<String> decodeMembers(byte[] bytes) {
    if (bytes.length % 64 != 0) {
      throw new StoreException("stored consensus members have " + bytes.length + " bytes, not a multiple of 64");
    }
    List<String> out = new ArrayList<>(bytes.length / 64);
    for (int i = 0; i < bytes.length; i += 64) {
      out.add(dev.raftseq.chain.types.Hex.encode(Arrays.copyOfRange(bytes, i, i + 64)));
    }
    return List.copyOf(out);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One put per added transaction and one delete per removed one, no reads: the caller (the apply
   * path) adds only transactions its committed set just admitted. A value is {@code seq || 0x00 ||
   * sender || raw}, or {@code seq || raw} when the sender was not known (a raw transaction never starts
   * with 0x00); the sequence keeps the commit order for {@link #pooledEntries()}.
   */
  @Override
  public void updatePool(List<RawTx> added, Collection<Hash> removed, AppliedIndex index) {
    synchronized (writeLock) {
      ensureOpen();
      checkAppliedIndex(index);
      try (WriteBatch batch = new WriteBatch()) {
        deletePooled(batch, removed);
        long seq = nextPoolSeq;
        for (RawTx tx : added) {
          batch.put(committed, Keccak.digest(tx.raw()), committedValue(seq++, tx));
        }
        if (index != null) {
          batch.put(meta, META_APPLIED, appliedBytes(index));
        }
        db.write(writes, batch);
        nextPoolSeq = seq;
        if (index != null) {
          lastApplied = index;
        }
      } catch (RocksDBException e) {
        throw new StoreException("updating the committed set (" + added.size() + " in, " + removed.size() + " out)", e);
      }
    }
  }

  @Override
  public void replaceCommittedState(List<RawTx> committedSet, Optional<List<String>> newMembers, AppliedIndex index) {
    java.util.Objects.requireNonNull(index, "index");
    byte[] encodedMembers = newMembers.map(RocksChainStore::encodeMembers).orElse(null);
    synchronized (writeLock) {
      ensureOpen();
      checkAppliedIndex(index);
      try (WriteBatch batch = new WriteBatch(); RocksIterator it = db.newIterator(committed)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          batch.delete(committed, it.key());
        }
        long seq = nextPoolSeq;
        for (RawTx tx : committedSet) {
          batch.put(committed, Keccak.digest(tx.raw()), committedValue(seq++, tx));
        }
        if (encodedMembers != null) {
          batch.put(meta, META_MEMBERS, encodedMembers);
        }
        batch.put(meta, META_APPLIED, appliedBytes(index));
        db.write(writes, batch);
        nextPoolSeq = seq;
        newMembers.ifPresent(m -> members = List.copyOf(m));
        lastApplied = index;
      } catch (RocksDBException e) {
        throw new StoreException("replacing the committed set (" + committedSet.size() + " transactions) at " + index, e);
      }
    }
  }

  private static byte[] committedValue(long seq, RawTx tx) {
    int senderBytes = tx.hasSender() ? 1 + Address.LENGTH : 0;
    ByteBuffer v = ByteBuffer.allocate(8 + senderBytes + tx.raw().length).putLong(seq);
    if (tx.hasSender()) {
      v.put((byte) 0).put(tx.sender().unsafeBytes());
    }
    return v.put(tx.raw()).array();
  }

  @Override
  public List<RawTx> pooledEntries() {
    ensureOpen();
    List<long[]> order = new ArrayList<>();
    List<RawTx> txs = new ArrayList<>();
    try (RocksIterator it = db.newIterator(committed)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        byte[] v = it.value();
        order.add(new long[] {readLong(v, 0), txs.size()});
        txs.add(v.length > 9 + Address.LENGTH && v[8] == 0
            ? new RawTx(Arrays.copyOfRange(v, 9 + Address.LENGTH, v.length), new Address(Arrays.copyOfRange(v, 9, 9 + Address.LENGTH)))
            : new RawTx(Arrays.copyOfRange(v, 8, v.length), null));
      }
    }
    order.sort((a, b) -> Long.compare(a[0], b[0]));
    List<RawTx> out = new ArrayList<>(txs.size());
    for (long[] o : order) {
      out.add(txs.get((int) o[1]));
    }
    return out;
  }

  @Override
  public void syncWal() {
    if (durability == Durability.SYNC_EACH_WRITE) {
      return;
    }
    synchronized (writeLock) {
      ensureOpen();
      try {
        db.syncWal();
      } catch (RocksDBException e) {
        throw new StoreException("syncing the write-ahead log", e);
      }
    }
  }

  // ------------------------------------------------------------------ reads

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public Block head() {
    Block h = head;
    if (h == null) {
      throw new IllegalStateException("the chain database is empty (no genesis yet)");
    }
    return h;
  }

  private long headNumber() {
    Block h = head;
    return h == null ? -1 : h.number();
  }

  @Override
  public Optional<Block> blockByNumber(long number) {
    if (number < 0 || number > headNumber()) {
      return Optional.empty();
    }
    Block cached = recent.get(number);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Block> b = readBlock(number);
    b.ifPresent(recent::put);
    return b;
  }

  @Override
  public Optional<byte[]> encodedBlockByNumber(long number) {
    if (number < 0 || number > headNumber()) {
      return Optional.empty();
    }
    return Optional.ofNullable(get(blocks, longBytes(number)));
  }

  private Optional<Block> readBlock(long number) {
    byte[] key = longBytes(number);
    byte[] enc = get(blocks, key);
    if (enc == null) {
      return Optional.empty();
    }
    byte[] senders = get(blockSenders, key);
    try {
      return Optional.of(BlockCodec.decodeBlock(enc, chainId, senders == null ? null : addresses(senders)));
    } catch (DecodeException e) {
      throw new StoreException("stored block " + number + " does not decode: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Block> blockByHash(Hash hash) {
    return numberOf(hash).flatMap(this::blockByNumber).filter(b -> b.hash().equals(hash));
  }

  private Optional<Long> numberOf(Hash blockHash) {
    byte[] n = get(blockNumbers, blockHash.unsafeBytes());
    if (n == null) {
      return Optional.empty();
    }
    long number = readLong(n, 0);
    return number <= headNumber() ? Optional.of(number) : Optional.empty();
  }

  @Override
  public Optional<Header> headerByNumber(long number) {
    if (number < 0 || number > headNumber()) {
      return Optional.empty();
    }
    Block cached = recent.get(number);
    if (cached != null) {
      return Optional.of(cached.header());
    }
    byte[] enc = get(headers, longBytes(number));
    if (enc == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(BlockCodec.decodeHeader(enc));
    } catch (DecodeException e) {
      throw new StoreException("stored header " + number + " does not decode: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<TxLocation> transactionLocation(Hash txHash) {
    byte[] v = get(txLocations, txHash.unsafeBytes());
    if (v == null) {
      return Optional.empty();
    }
    TxLocation loc = new TxLocation(new Hash(Arrays.copyOfRange(v, 0, 32)), readLong(v, 32), ByteBuffer.wrap(v, 40, 4).getInt());
    return loc.blockNumber() <= headNumber() ? Optional.of(loc) : Optional.empty();
  }

  @Override
  public List<Receipt> receipts(Hash blockHash) {
    if (numberOf(blockHash).isEmpty()) {
      return List.of();
    }
    byte[] enc = get(receipts, blockHash.unsafeBytes());
    if (enc == null) {
      return List.of();
    }
    try {
      List<Receipt> out = new ArrayList<>();
      RlpReader top = RlpReader.of(enc);
      RlpReader list = top.readList("receipts");
      top.requireEnd("receipts");
      while (list.hasNext()) {
        out.add(BlockCodec.decodeReceipt(list.readBytes("receipt")));
      }
      return out;
    } catch (DecodeException e) {
      throw new StoreException("stored receipts of " + blockHash + " do not decode: " + e.getMessage(), e);
    }
  }

  @Override
  public StateView headState() {
    long g = generation.get();
    Block h = head();
    // an odd generation means a block is being written: the view then reads only the trie
    return new FlatStateView(h.header().stateRoot(), (g & 1) == 0 ? g : -1, generation, db, flatAccounts, flatStorage, trieView(h.header().stateRoot()));
  }

  @Override
  public Optional<StateView> stateAt(Hash stateRoot) {
    if (!trie.hasRoot(stateRoot)) {
      return Optional.empty();
    }
    return Optional.of(trieView(stateRoot));
  }

  @Override
  public Optional<dev.raftseq.chain.state.AccountProof> proof(Hash stateRoot, Address address, List<Hash> slots) {
    if (!trie.hasRoot(stateRoot)) {
      return Optional.empty();
    }
    return Optional.of(dev.raftseq.chain.state.StateProofs.prove(trie, stateRoot, address, slots));
  }

  private StateView trieView(Hash root) {
    return new TrieStateView(root, trie, h -> get(code, h.unsafeBytes()));
  }

  /** For tests: writes a raw value, e.g. the layout of an earlier version. */
  void rawPut(String columnFamily, byte[] key, byte[] value) {
    try {
      db.put(byName.get(columnFamily), writes, key, value);
    } catch (RocksDBException e) {
      throw new StoreException("test write", e);
    }
  }

  /** For tests: a stored value by column family name, ignoring the published head. */
  byte[] rawGet(String columnFamily, byte[] key) {
    return get(byName.get(columnFamily), key);
  }

  /**
   * A RocksDB integer property (e.g. {@code rocksdb.cur-size-all-mem-tables}), for metrics: summed over
   * the column families when {@code sumOverColumnFamilies}, else of the database as a whole (shared
   * things such as {@code rocksdb.block-cache-usage}). Empty once closed or when RocksDB does not know it.
   */
  public java.util.OptionalLong property(String name, boolean sumOverColumnFamilies) {
    synchronized (writeLock) { // a property read on a closed handle would crash the JVM
      if (closed) {
        return java.util.OptionalLong.empty();
      }
      try {
        return java.util.OptionalLong.of(sumOverColumnFamilies ? db.getAggregatedLongProperty(name)
            : db.getLongProperty(name));
      } catch (RocksDBException e) {
        return java.util.OptionalLong.empty();
      }
    }
  }

  /** Heap cache statistics, for benchmarks and logs. */
  public String cacheStats() {
    return nodeCache.toString();
  }

  private byte[] get(ColumnFamilyHandle cf, byte[] key) {
    ensureOpen();
    try {
      return db.get(cf, key);
    } catch (RocksDBException e) {
      throw new StoreException("database read failed", e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("chain database is closed");
    }
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      closed = true;
      closeAll(resources);
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", r, e);
      }
    }
  }

  // ------------------------------------------------------------------ keys and values

  static byte[] storageKey(Address a, Hash slot) {
    byte[] k = new byte[52];
    System.arraycopy(a.unsafeBytes(), 0, k, 0, 20);
    System.arraycopy(slot.unsafeBytes(), 0, k, 20, 32);
    return k;
  }

  private static byte[] filled(byte b) {
    byte[] out = new byte[32];
    Arrays.fill(out, b);
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  static long readLong(byte[] b, int off) {
    return ByteBuffer.wrap(b, off, 8).getLong();
  }

  private static List<Address> addresses(byte[] packed) {
    List<Address> out = new ArrayList<>(packed.length / Address.LENGTH);
    for (int off = 0; off + Address.LENGTH <= packed.length; off += Address.LENGTH) {
      out.add(new Address(Arrays.copyOfRange(packed, off, off + Address.LENGTH)));
    }
    return out;
  }

  private static byte[] appliedBytes(AppliedIndex i) {
    return ByteBuffer.allocate(16).putLong(i.term()).putLong(i.index()).array();
  }

  private static byte[] locationBytes(TxLocation l) {
    return ByteBuffer.allocate(44).put(l.blockHash().unsafeBytes()).putLong(l.blockNumber()).putInt(l.index()).array();
  }

  /** A small LRU of decoded blocks by number. */
  private static final class RecentBlocks {
    private final int capacity;
    private final LinkedHashMap<Long, Block> map = new LinkedHashMap<>(16, 0.75f, true);

    RecentBlocks(int capacity) {
      this.capacity = capacity;
    }

    synchronized Block get(long number) {
      return map.get(number);
    }

    synchronized void put(Block b) {
      map.put(b.number(), b);
      if (map.size() > capacity) {
        map.remove(map.keySet().iterator().next());
      }
    }
  }
}
