package dev.raftseq.producer;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.exec.BaseFee;
import dev.raftseq.chain.exec.BlockImporter;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.exec.InvalidBlockException;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.ChainStore;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.consensus.CommittedCheckpoint;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.consensus.TxOutcome;
import dev.raftseq.producer.entry.LogEntry;
import dev.raftseq.producer.mempool.TxPool;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every block and every replicated transaction takes into the database, whatever its
 * source: a committed log entry (Raft, or the single sequencer's local log) or a block replayed from
 * a peer. Serialized (one apply at a time); readers use the published {@link #head()} and the store.
 *
 * <p><b>Transaction batches</b> are admitted into the committed set with the same rules on every
 * node (against the head at that log position), one outcome per transaction; a transaction that does
 * not decode, or whose admission throws, is skipped with a log line and a counter, never halting the
 * apply. <b>Blocks</b> are checked cheapest first: a block that does not extend the head is stale,
 * one not sealed by an allowed key, or naming a transaction that is not in the committed set at this
 * point of the log (a replacement committed after the block was built), is rejected; all three
 * identically everywhere, changing nothing but the applied index. Then it is verified by
 * re-execution, or, on the node that built it, taken from its build. A block that an allowed key
 * sealed and that does not verify here means this node disagrees with the group: it throws
 * {@link DivergenceException} and the node halts instead of forking. Every entry's effects, the
 * committed set's changes and the applied index go to the store in one batch.
 */
public final class ApplyPath {
  private static final Logger LOG = LoggerFactory.getLogger(ApplyPath.class);
  private static final int MAX_BUILT_KEPT = 16;

  private final String nodeTag;
  private final ChainStore store;
  private final BlockImporter importer;
  private final SealerSet sealers;
  private final TxPool pool;
  private final RemovalLog removals;
  private final CoreMetrics metrics;
  private final Executor events;
  private final Map<Hash, BuiltBlock> builtHere = new ConcurrentHashMap<>();
  private final List<Consumer<Block>> blockListeners = new CopyOnWriteArrayList<>();
  private volatile ChainView.Head head;

  /**
   * @param sealers the keys allowed to seal blocks (the same the importer checks)
   * @param removals the listener the pool was built with
   * @param events runs block listeners after each applied block, off the apply thread
   */
  ApplyPath(String nodeTag, ChainStore store, BlockImporter importer, SealerSet sealers, TxPool pool,
      RemovalLog removals, CoreMetrics metrics, Executor events) {
    this.nodeTag = nodeTag;
    this.store = store;
    this.importer = importer;
    this.sealers = sealers;
    this.pool = pool;
    this.removals = removals;
    this.metrics = metrics;
    this.events = events;
    this.head = new ChainView.Head(store.head(), store.headState());
  }

  /** The newest applied block and its state, read together; never waits for an apply in progress. */
  ChainView.Head head() {
    return head;
  }

  ChainStore store() {
    return store;
  }

  /** Called (on the events executor, in order) with every applied block. */
  void onBlockApplied(Consumer<Block> listener) {
    blockListeners.add(listener);
  }

  /** Keeps the execution result of a block this node sealed, so applying it does not execute it again. */
  void rememberBuilt(Block sealed, BuiltBlock built) {
    if (builtHere.size() >= MAX_BUILT_KEPT) {
      builtHere.clear(); // only the latest proposal matters; old ones were stale or failed
    }
    builtHere.put(sealed.hash(), built);
  }

  void forgetBuilt(Hash blockHash) {
    builtHere.remove(blockHash);
  }

  /** Applies one committed log entry; {@code index} is null for the single sequencer's log. */
  synchronized EntryResult apply(AppliedIndex index, LogEntry entry) {
    if (entry instanceof LogEntry.TxBatch batch) {
      return timed("tx_batch", () -> applyTxBatch(index, batch));
    }
    if (entry instanceof LogEntry.BlockRef ref) {
      return timed("block", () -> applyBlockRef(index, ref));
    }
    if (entry instanceof LogEntry.DropTxs drops) {
      return timed("drops", () -> applyDrops(index, drops));
    }
    return timed("block", () -> applyFullBlock(index, (LogEntry.FullBlock) entry));
  }

  /** Records an entry that has no effect (it did not decode), so it is not applied again. */
  synchronized EntryResult skip(AppliedIndex index, String why) {
    markApplied(index);
    return new EntryResult.Rejected(why);
  }

  /**
   * The consensus members at {@code index}: recorded with the index first, then in force for every
   * block after it (see {@link SealerSet}).
   */
  synchronized void membershipChanged(AppliedIndex index, List<String> memberIds) {
    store.recordMembers(memberIds, index);
    if (sealers.update(memberIds)) {
      LOG.info("[{}] consensus members from Raft entry {} on: {}", nodeTag, index,
          memberIds.stream().map(id -> id.substring(0, Math.min(10, id.length()))).toList());
    }
  }

  /**
   * Applies a block replayed from a peer: fully verified (senders recovered, re-executed), and one
   * that does not verify is rejected as a value (the peer is at fault, not this node).
   */
  synchronized EntryResult applyReplayed(Block block) {
    ChainView.Head h = head;
    Optional<String> stale = staleness(block.header(), h.block());
    if (stale.isPresent()) {
      return new EntryResult.BlockStale(stale.get());
    }
    BlockCommit commit;
    try {
      commit = importer.verify(block, h.block().header(), h.state(), null);
    } catch (InvalidBlockException e) {
      return new EntryResult.Rejected("block " + block.number() + " " + block.hash() + " is invalid: " + e.getMessage());
    }
    return commit(commit);
  }

  /**
   * Commits a replayed block that the caller already verified by re-execution against this head
   * ({@code BlockImporter.verify} on the store's head state): replay verifies ahead of the apply
   * thread, so the block is not executed twice. Stale (nothing written) if the head moved since.
   */
  synchronized EntryResult applyVerified(BlockCommit verified) {
    Optional<String> stale = staleness(verified.block().header(), head.block());
    if (stale.isPresent()) {
      return new EntryResult.BlockStale(stale.get());
    }
    return commit(verified);
  }

  // ---- transactions -----------------------------------------------------------------------------

  private EntryResult applyTxBatch(AppliedIndex index, LogEntry.TxBatch batch) {
    return pool.atomically(() -> {
      ChainView.Head h = head;
      Wei baseFee = BaseFee.next(h.block().header());
      List<TxOutcome> outcomes = new ArrayList<>(batch.txs().size());
      List<RawTx> accepted = new ArrayList<>(batch.txs().size());
      for (RawTx raw : batch.txs()) {
        outcomes.add(admit(raw, h.state(), baseFee, accepted));
      }
      store.updatePool(accepted, removals.drainNotIncluded(), index);
      return new EntryResult.TxsApplied(outcomes);
    });
  }

  private TxOutcome admit(RawTx raw, StateView state, Wei baseFee, List<RawTx> accepted) {
    RecoveredTx tx;
    try {
      tx = raw.hasSender()
          ? TransactionCodec.decodeWithSender(raw.raw(), store.chainId(), raw.sender())
          : TransactionCodec.decodeStrict(raw.raw(), store.chainId());
    } catch (DecodeException e) {
      LOG.warn("[{}] skipped a replicated transaction that does not decode: {}", nodeTag, e.getMessage());
      metrics.skipped("undecodable");
      return TxOutcome.rejected(TxRejection.INVALID, e.getMessage());
    }
    try {
      pool.add(tx, state, baseFee);
      accepted.add(RawTx.of(tx));
      return TxOutcome.ACCEPTED;
    } catch (TxRejectedException e) {
      // a duplicate of a committed transaction is committed: acknowledging it again is true. So is
      // one already included: the same batch can be committed twice (a leader whose local append
      // failed with NotLeader, though the entry was committed, resends it through the new leader)
      // and a block may include the transaction in between; answering "nonce too low" would tell
      // the client that a transaction in the chain was refused. The chain is the same on every node
      // at this log position, so every node answers alike.
      if (e.reason() == TxRejection.ALREADY_KNOWN
          || e.reason() == TxRejection.NONCE_TOO_LOW && store.transactionLocation(tx.hash()).isPresent()) {
        return TxOutcome.ACCEPTED;
      }
      return TxOutcome.rejected(e);
    } catch (RuntimeException e) {
      LOG.error("[{}] skipped replicated {}: admitting it threw", nodeTag, tx, e);
      metrics.skipped("threw");
      return TxOutcome.rejected(TxRejection.INVALID, "internal error: " + e);
    }
  }

  private EntryResult applyDrops(AppliedIndex index, LogEntry.DropTxs drops) {
    return pool.atomically(() -> {
      int dropped = 0;
      StateView state = head.state();
      for (LogEntry.Drop d : drops.drops()) {
        if (pool.drop(d.hash(), state)) {
          LOG.info("[{}] dropped committed transaction {}: {}", nodeTag, d.hash(), d.reason().message());
          dropped++;
        }
      }
      store.updatePool(List.of(), removals.drainNotIncluded(), index);
      return new EntryResult.DropsApplied(dropped);
    });
  }

  /**
   * Puts the persisted committed set back into the pool at start, in commit order. A transaction that
   * no longer decodes, whose nonce was used meanwhile, or whose admission throws, is dropped and
   * logged; nothing here stops the node.
   */
  synchronized int restorePool() {
    List<RawTx> persisted = store.pooledEntries();
    int restored = pool.atomically(() -> {
      StateView state = head.state();
      List<Hash> gone = new ArrayList<>();
      int n = 0;
      for (RawTx raw : persisted) {
        Hash hash = dev.raftseq.chain.crypto.Keccak.hash(raw.raw());
        try {
          RecoveredTx tx = raw.hasSender()
              ? TransactionCodec.decodeWithSender(raw.raw(), store.chainId(), raw.sender())
              : TransactionCodec.decodeStrict(raw.raw(), store.chainId());
          pool.restore(tx, state);
          n++;
        } catch (DecodeException | TxRejectedException e) {
          LOG.info("[{}] persisted transaction {} not restored: {}", nodeTag, hash, e.getMessage());
          gone.add(hash);
        } catch (RuntimeException e) {
          LOG.error("[{}] persisted transaction {} not restored: restoring it threw", nodeTag, hash, e);
          metrics.skipped("threw");
          gone.add(hash);
        }
      }
      gone.addAll(removals.drainNotIncluded());
      if (!gone.isEmpty()) {
        store.updatePool(List.of(), gone, null);
      }
      return n;
    });
    if (!persisted.isEmpty()) {
      LOG.info("[{}] restored {} of {} persisted committed transactions", nodeTag, restored, persisted.size());
    }
    return restored;
  }

  /** This node's log position with its committed set and members, consistent with its head; empty before any entry. */
  synchronized Optional<CommittedCheckpoint> checkpoint() {
    Optional<AppliedIndex> applied = store.lastApplied();
    if (applied.isEmpty()) {
      return Optional.empty();
    }
    Block h = head.block();
    return Optional.of(new CommittedCheckpoint(applied.get(), h.number(), h.hash(), store.members(),
        store.pooledEntries()));
  }

  /**
   * Takes over a peer's log position after this node's chain reached the peer's head by block sync:
   * the committed set is replaced by the peer's (in the pool and in the database), its members are in
   * force, and the applied index moves to the peer's, in one write. A transaction of the peer's set
   * that does not decode or restore here is logged and left out, as at start.
   *
   * @throws IllegalStateException if the head is not the checkpoint's, or this node is not behind it
   */
  synchronized void installCheckpoint(CommittedCheckpoint cp) {
    Block h = head.block();
    if (h.number() != cp.headNumber() || !h.hash().equals(cp.headHash())) {
      throw new IllegalStateException("head is " + h.number() + " " + h.hash() + ", the checkpoint's is "
          + cp.headNumber() + " " + cp.headHash());
    }
    Optional<AppliedIndex> applied = store.lastApplied();
    if (applied.isPresent() && applied.get().index() >= cp.applied().index()) {
      throw new IllegalStateException("already applied through " + applied.get() + ", not behind " + cp.applied());
    }
    int kept = pool.atomically(() -> {
      StateView state = head.state();
      List<RecoveredTx> old = new ArrayList<>(pool.pendingTransactions());
      old.addAll(pool.queuedTransactions());
      for (RecoveredTx tx : old) {
        pool.drop(tx.hash(), state);
      }
      List<RawTx> restored = new ArrayList<>(cp.committed().size());
      for (RawTx raw : cp.committed()) {
        try {
          RecoveredTx tx = raw.hasSender()
              ? TransactionCodec.decodeWithSender(raw.raw(), store.chainId(), raw.sender())
              : TransactionCodec.decodeStrict(raw.raw(), store.chainId());
          pool.restore(tx, state);
          restored.add(RawTx.of(tx));
        } catch (DecodeException | TxRejectedException e) {
          LOG.info("[{}] committed transaction {} of the checkpoint not taken: {}", nodeTag,
              dev.raftseq.chain.crypto.Keccak.hash(raw.raw()), e.getMessage());
        } catch (RuntimeException e) {
          LOG.error("[{}] committed transaction {} of the checkpoint not taken: restoring it threw", nodeTag,
              dev.raftseq.chain.crypto.Keccak.hash(raw.raw()), e);
          metrics.skipped("threw");
        }
      }
      removals.drainNotIncluded(); // the persisted set is replaced whole below
      cp.members().ifPresent(sealers::update);
      store.replaceCommittedState(restored, cp.members(), cp.applied());
      return restored.size();
    });
    LOG.info("[{}] took over log position {} at block {} {}: {} of {} committed transactions, members {}", nodeTag,
        cp.applied(), cp.headNumber(), cp.headHash(), kept, cp.committed().size(),
        cp.members().map(m -> m.stream().map(id -> id.substring(0, Math.min(10, id.length()))).toList())
            .map(Object::toString).orElse("unchanged"));
  }

  // ---- blocks -----------------------------------------------------------------------------------

  private EntryResult applyBlockRef(AppliedIndex index, LogEntry.BlockRef ref) {
    Header header = ref.header();
    ChainView.Head h = head;
    Optional<String> refused = staleness(header, h.block()).or(() -> sealRejection(header));
    if (refused.isPresent()) {
      return refuse(index, header, refused.get());
    }
    // every node holds the same committed set here; one of the named transactions may have left it
    // since the block was built (a replacement committed in between): then no node applies the block
    List<RecoveredTx> txs = new ArrayList<>(ref.txHashes().size());
    for (Hash hash : ref.txHashes()) {
      RecoveredTx tx = pool.get(hash);
      if (tx == null) {
        return refuse(index, header, "names transaction " + hash + ", which is not in the committed set"
            + " (replaced or included since the block was built)");
      }
      txs.add(tx);
    }
    return applyBlock(index, BlockCodec.block(header, txs));
  }

  private EntryResult applyFullBlock(AppliedIndex index, LogEntry.FullBlock full) {
    Block block;
    try {
      block = BlockCodec.decodeBlock(full.encodedBlock(), store.chainId());
    } catch (DecodeException e) {
      LOG.warn("[{}] block entry at {} does not decode: {}", nodeTag, index, e.getMessage());
      return skip(index, "undecodable block: " + e.getMessage());
    }
    Optional<String> refused = staleness(block.header(), head.block()).or(() -> sealRejection(block.header()));
    if (refused.isPresent()) {
      return refuse(index, block.header(), refused.get());
    }
    return applyBlock(index, block);
  }

  private EntryResult refuse(AppliedIndex index, Header header, String why) {
    markApplied(index);
    boolean stale = why.startsWith("stale");
    LOG.info("[{}] {} block {} at {}: {}", nodeTag, stale ? "stale" : "rejected", header.number(), index, why);
    return stale ? new EntryResult.BlockStale(why) : new EntryResult.Rejected(why);
  }

  /** A block that a member sealed and that extends the head: verified (or taken from its build) and committed. */
  private EntryResult applyBlock(AppliedIndex index, Block block) {
    ChainView.Head h = head;
    BuiltBlock built = builtHere.remove(block.hash());
    BlockCommit commit;
    if (built != null && built.state().parentRoot().equals(h.block().header().stateRoot())
        && built.included().equals(block.transactions())) {
      commit = new BlockCommit(block, built.receipts(), built.state(), index);
    } else {
      long started = System.nanoTime();
      try {
        commit = importer.verify(block, h.block().header(), h.state(), index);
        if (LOG.isDebugEnabled()) {
          LOG.debug("[{}] block {}: {} txs, {} gas, term {}, verified in {} ms", nodeTag, block.number(),
              block.transactions().size(), block.header().gasUsed(), SealFields.term(block.header()),
              (System.nanoTime() - started) / 1_000_000);
        }
      } catch (InvalidBlockException e) {
        throw new DivergenceException("block " + block.number() + " " + block.hash() + " at Raft entry " + index
            + ", sealed by an allowed key and committed by the group, does not verify on this node: "
            + e.getMessage());
      }
    }
    return commit(commit);
  }

  private EntryResult commit(BlockCommit commit) {
    Block block = commit.block();
    pool.atomically(() -> {
      pool.onBlockApplied(block, new PostBlockState(head.state(), commit));
      store.commit(commit.withPoolRemovals(removals.drainNotIncluded()));
      head = new ChainView.Head(block, store.headState());
      return null;
    });
    metrics.transactionsIncluded.increment(block.transactions().size());
    try {
      events.execute(() -> notifyApplied(block));
    } catch (RejectedExecutionException e) {
      // the node is stopping and its listeners are gone; the block is committed all the same, and
      // failing here would halt the node as if it disagreed with the group
      LOG.info("[{}] block {} applied while stopping: its listeners are not told", nodeTag, block.number());
    }
    return new EntryResult.BlockApplied(block.number(), block.hash());
  }

  private void notifyApplied(Block block) {
    for (Consumer<Block> l : blockListeners) {
      try {
        l.accept(block);
      } catch (RuntimeException e) {
        LOG.error("[{}] block listener failed on block {}", nodeTag, block.number(), e);
      }
    }
  }

  private static Optional<String> staleness(Header header, Block headBlock) {
    if (header.number() == headBlock.number() + 1 && header.parentHash().equals(headBlock.hash())) {
      return Optional.empty();
    }
    return Optional.of("stale: block " + header.number() + " on parent " + header.parentHash()
        + " does not extend head " + headBlock.number() + " " + headBlock.hash());
  }

  private Optional<String> sealRejection(Header header) {
    try {
      Address signer = SealFields.signer(header);
      return sealers.test(signer) ? Optional.empty()
          : Optional.of("sealed by " + signer + ", which is not an allowed sequencer key");
    } catch (DecodeException e) {
      return Optional.of("seal is invalid: " + e.getMessage());
    }
  }

  private void markApplied(AppliedIndex index) {
    if (index != null) {
      store.markApplied(index);
    }
  }

  private EntryResult timed(String kind, java.util.function.Supplier<EntryResult> apply) {
    Timer.Sample sample = Timer.start();
    try {
      return apply.get();
    } finally {
      sample.stop(metrics.apply(kind));
    }
  }

  /** The state after a block that is about to be committed, as far as the pool reads it (accounts). */
  private record PostBlockState(StateView parent, BlockCommit commit) implements StateView {
    @Override
    public Hash root() {
      return commit.state().root();
    }

    @Override
    public Account account(Address address) {
      Map<Address, Account> changed = commit.state().diff().accounts();
      return changed.containsKey(address) ? changed.get(address) : parent.account(address);
    }

    @Override
    public Hash storage(Address address, Hash slot) {
      throw new UnsupportedOperationException("the pool reads accounts only");
    }

    @Override
    public byte[] code(Hash codeHash) {
      throw new UnsupportedOperationException("the pool reads accounts only");
    }
  }
}
