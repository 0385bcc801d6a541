package dev.raftseq.rpc.testing;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxLocation;
import dev.raftseq.chain.types.Wei;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chain held in memory for RPC tests: real blocks (real signed transactions, hashes from
 * {@link BlockCodec}), receipts and {@link MapState}s. States can be dropped to model pruning.
 */
public final class InMemoryChain implements ChainReader {
  public static final long GAS_LIMIT = 30_000_000;
  public static final Address COINBASE = Address.fromHex("0x" + "c0".repeat(20));

  private final long chainId;
  private final List<Block> blocks = new CopyOnWriteArrayList<>();
  private final Map<Hash, Block> byHash = new ConcurrentHashMap<>();
  private final Map<Hash, List<Receipt>> receipts = new ConcurrentHashMap<>();
  private final Map<Hash, TxLocation> locations = new ConcurrentHashMap<>();
  private final Map<Hash, MapState> states = new ConcurrentHashMap<>();
  private final Set<Hash> pruned = ConcurrentHashMap.newKeySet();
  private volatile MapState headState;

  public InMemoryChain(long chainId, MapState genesisState) {
    this.chainId = chainId;
    append(List.of(), List.of(), genesisState, Wei.of(1_000_000_000L), 1_700_000_000L);
  }

  /** Seals and applies a block on top of the head. */
  public synchronized Block append(
      List<RecoveredTx> txs, List<Receipt> txReceipts, MapState state, Wei baseFee, long timestamp) {
    if (txs.size() != txReceipts.size()) {
      throw new IllegalArgumentException("one receipt per transaction");
    }
    Block parent = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
    long gasUsed = txReceipts.isEmpty() ? 0 : txReceipts.get(txReceipts.size() - 1).cumulativeGasUsed();
    byte[] extra = new byte[Header.VANITY_BYTES + Header.SEAL_BYTES];
    Header h = new Header(
        parent == null ? Hash.ZERO : parent.hash(),
        Hash.EMPTY_LIST,
        COINBASE,
        state.root(),
        Hash.EMPTY_TRIE,
        Hash.EMPTY_TRIE,
        BlockCodec.bloomOfReceipts(txReceipts),
        0,
        parent == null ? 0 : parent.number() + 1,
        GAS_LIMIT,
        gasUsed,
        timestamp,
        extra,
        Hash.ZERO,
        0,
        baseFee,
        Hash.EMPTY_TRIE,
        0,
        0,
        Hash.ZERO);
    Block block = BlockCodec.block(h, txs);
    blocks.add(block);
    byHash.put(block.hash(), block);
    receipts.put(block.hash(), List.copyOf(txReceipts));
    for (int i = 0; i < txs.size(); i++) {
      locations.put(txs.get(i).hash(), new TxLocation(block.hash(), block.number(), i));
    }
    states.put(state.root(), state);
    headState = state;
    return block;
  }

  /** Forgets the trie of a state, as pruning does. */
  public void prune(Hash stateRoot) {
    pruned.add(stateRoot);
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public Block head() {
    return blocks.get(blocks.size() - 1);
  }

  @Override
  public Optional<Block> blockByNumber(long number) {
    return number >= 0 && number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
  }

  @Override
  public Optional<Block> blockByHash(Hash hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  @Override
  public Optional<Header> headerByNumber(long number) {
    return blockByNumber(number).map(Block::header);
  }

  @Override
  public Optional<TxLocation> transactionLocation(Hash txHash) {
    return Optional.ofNullable(locations.get(txHash));
  }

  @Override
  public List<Receipt> receipts(Hash blockHash) {
    return receipts.getOrDefault(blockHash, List.of());
  }

  @Override
  public StateView headState() {
    return headState;
  }

  @Override
  public Optional<StateView> stateAt(Hash stateRoot) {
    if (pruned.contains(stateRoot)) {
      return Optional.empty();
    }
    return Optional.ofNullable(states.get(stateRoot));
  }

  public List<Block> blocks() {
    return new ArrayList<>(blocks);
  }

  /** Proofs from a real trie built of the state's accounts (its root is not the fake root). */
  @Override
  public Optional<dev.raftseq.chain.state.AccountProof> proof(Hash stateRoot, Address address, List<Hash> slots) {
    MapState s = pruned.contains(stateRoot) ? null : states.get(stateRoot);
    if (s == null) {
      return Optional.empty();
    }
    dev.raftseq.chain.trie.InMemoryNodeStore store = new dev.raftseq.chain.trie.InMemoryNodeStore();
    dev.raftseq.chain.trie.MerklePatriciaTrie trie =
        new dev.raftseq.chain.trie.MerklePatriciaTrie(store, dev.raftseq.chain.trie.NodeCache.disabled());
    dev.raftseq.chain.state.TriePreparedState p =
        new dev.raftseq.chain.state.TrieStateRootCalculator(trie).prepare(Hash.EMPTY_TRIE, s.asDiff());
    store.putAll(p.trieNodes());
    return Optional.of(dev.raftseq.chain.state.StateProofs.prove(trie, p.root(), address, slots));
  }

  Set<Hash> prunedRoots() {
    return new HashSet<>(pruned);
  }
}
