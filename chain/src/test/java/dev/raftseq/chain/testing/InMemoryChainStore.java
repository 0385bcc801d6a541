package dev.raftseq.chain.testing;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.state.TriePreparedState;
import dev.raftseq.chain.state.TrieStateRootCalculator;
import dev.raftseq.chain.state.TrieStateView;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.ChainStore;
import dev.raftseq.chain.store.Durability;
import dev.raftseq.chain.trie.InMemoryNodeStore;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.trie.NodeCache;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxLocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ChainStore} in memory with the real trie, for simulations that start thousands of
 * nodes: the same checks and effects as {@code RocksChainStore}, and the same durability contract.
 * With {@link Durability#SYNC_ON_REQUEST} only what {@link #syncWal()} covered survives
 * {@link #powerCut()}, the way an unsynced RocksDB write-ahead log loses its tail (trie nodes and code
 * are content-addressed and kept: extra ones are harmless, as in RocksDB).
 */
public final class InMemoryChainStore implements ChainStore {

  /** Everything but the content-addressed state. */
  private static final class Contents {
    final List<Block> blocks = new ArrayList<>();
    final Map<Hash, Long> numbers = new HashMap<>();
    final Map<Hash, TxLocation> locations = new HashMap<>();
    final Map<Hash, List<Receipt>> receipts = new HashMap<>();
    final LinkedHashMap<Hash, RawTx> pool = new LinkedHashMap<>();
    AppliedIndex applied;
    List<String> members;

    Contents copy() {
      Contents c = new Contents();
      c.blocks.addAll(blocks);
      c.numbers.putAll(numbers);
      c.locations.putAll(locations);
      c.receipts.putAll(receipts);
      c.pool.putAll(pool);
      c.applied = applied;
      c.members = members;
      return c;
    }
  }

  private final long chainId;
  private final Durability durability;
  private final InMemoryNodeStore nodes = new InMemoryNodeStore();
  private final MerklePatriciaTrie trie = new MerklePatriciaTrie(nodes, NodeCache.disabled());
  private final TrieStateRootCalculator roots = new TrieStateRootCalculator(trie);
  private final Map<Hash, byte[]> code = new ConcurrentHashMap<>();
  private Contents live = new Contents();
  private Contents synced = new Contents();
  private int syncs;

  public InMemoryChainStore(long chainId, Durability durability) {
    this.chainId = chainId;
    this.durability = durability;
  }

  /** Loses every write after the last sync, as a power cut does (the process restarts on the rest). */
  public synchronized void powerCut() {
    live = synced.copy();
  }

  /** How many syncs made writes durable. */
  public synchronized int syncs() {
    return syncs;
  }

  @Override
  public TriePreparedState prepare(Hash parentRoot, StateDiff diff) {
    return roots.prepare(parentRoot, diff);
  }

  @Override
  public synchronized boolean isEmpty() {
    return live.blocks.isEmpty();
  }

  @Override
  public synchronized void commit(BlockCommit commit) {
    if (!(commit.state() instanceof TriePreparedState state)) {
      throw new IllegalArgumentException("state was not prepared by this store");
    }
    Block block = commit.block();
    Contents next = live;
    if (!next.blocks.isEmpty()) {
      Block parent = next.blocks.get(next.blocks.size() - 1);
      if (!block.header().parentHash().equals(parent.hash()) || block.number() != parent.number() + 1) {
        throw new IllegalStateException("block " + block.number() + " does not extend head " + parent.number());
      }
      if (!state.parentRoot().equals(parent.header().stateRoot())) {
        throw new IllegalStateException("state prepared on " + state.parentRoot() + ", head state is "
            + parent.header().stateRoot());
      }
    }
    checkApplied(commit.appliedIndex());
    nodes.putAll(state.trieNodes());
    code.putAll(state.code());
    next.blocks.add(block);
    next.numbers.put(block.hash(), block.number());
    next.receipts.put(block.hash(), commit.receipts());
    List<RecoveredTx> txs = block.transactions();
    for (int i = 0; i < txs.size(); i++) {
      next.locations.put(txs.get(i).hash(), new TxLocation(block.hash(), block.number(), i));
      next.pool.remove(txs.get(i).hash());
    }
    commit.poolRemovals().forEach(next.pool::remove);
    if (commit.appliedIndex() != null) {
      next.applied = commit.appliedIndex();
    }
    publish(next);
  }

  @Override
  public synchronized Optional<AppliedIndex> lastApplied() {
    return Optional.ofNullable(live.applied);
  }

  @Override
  public synchronized void markApplied(AppliedIndex index) {
    checkApplied(index);
    live.applied = index;
    publish(live);
  }

  @Override
  public synchronized void recordMembers(List<String> memberIds, AppliedIndex index) {
    java.util.Objects.requireNonNull(index, "index");
    checkApplied(index);
    live.members = List.copyOf(memberIds);
    live.applied = index;
    publish(live);
  }

  @Override
  public synchronized Optional<List<String>> members() {
    return Optional.ofNullable(live.members);
  }

  @Override
  public synchronized void updatePool(List<RawTx> added, Collection<Hash> removed, AppliedIndex index) {
    checkApplied(index);
    Contents next = live;
    removed.forEach(next.pool::remove);
    for (RawTx tx : added) {
      Hash h = Keccak.hash(tx.raw());
      if (!next.locations.containsKey(h)) {
        next.pool.putIfAbsent(h, tx);
      }
    }
    if (index != null) {
      next.applied = index;
    }
    publish(next);
  }

  @Override
  public synchronized void replaceCommittedState(List<RawTx> committedSet, Optional<List<String>> members,
      AppliedIndex index) {
    java.util.Objects.requireNonNull(index, "index");
    checkApplied(index);
    Contents next = live;
    next.pool.clear();
    for (RawTx tx : committedSet) {
      next.pool.put(dev.raftseq.chain.crypto.Keccak.hash(tx.raw()), tx);
    }
    members.ifPresent(m -> next.members = List.copyOf(m));
    next.applied = index;
    publish(next);
  }

  @Override
  public synchronized List<RawTx> pooledEntries() {
    return List.copyOf(live.pool.values());
  }

  @Override
  public synchronized void syncWal() {
    synced = live.copy();
    syncs++;
  }

  /** Writes go to {@code live} in place; only a sync copies them aside for a later power cut. */
  private void publish(Contents next) {
    if (durability == Durability.SYNC_EACH_WRITE) {
      synced = next.copy();
    }
  }

  private void checkApplied(AppliedIndex index) {
    AppliedIndex last = live.applied;
    if (index != null && last != null && index.index() < last.index()) {
      throw new IllegalStateException("applied index " + index + " is behind " + last);
    }
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public synchronized Block head() {
    List<Block> b = live.blocks;
    if (b.isEmpty()) {
      throw new IllegalStateException("the chain database is empty (no genesis yet)");
    }
    return b.get(b.size() - 1);
  }

  @Override
  public synchronized Optional<Block> blockByNumber(long number) {
    List<Block> b = live.blocks;
    return number < 0 || number >= b.size() ? Optional.empty() : Optional.of(b.get((int) number));
  }

  @Override
  public synchronized Optional<Block> blockByHash(Hash hash) {
    Long n = live.numbers.get(hash);
    return n == null ? Optional.empty() : blockByNumber(n);
  }

  @Override
  public Optional<Header> headerByNumber(long number) {
    return blockByNumber(number).map(Block::header);
  }

  @Override
  public synchronized Optional<TxLocation> transactionLocation(Hash txHash) {
    return Optional.ofNullable(live.locations.get(txHash));
  }

  @Override
  public synchronized List<Receipt> receipts(Hash blockHash) {
    return live.receipts.getOrDefault(blockHash, List.of());
  }

  @Override
  public synchronized StateView headState() {
    return new TrieStateView(head().header().stateRoot(), trie, code::get);
  }

  @Override
  public Optional<StateView> stateAt(Hash stateRoot) {
    return trie.hasRoot(stateRoot) ? Optional.of(new TrieStateView(stateRoot, trie, code::get)) : Optional.empty();
  }

  @Override
  public void close() {
    // nothing to release
  }
}
