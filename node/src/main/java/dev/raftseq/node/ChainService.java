package dev.raftseq.node;

import dev.raftseq.chain.exec.BlockImporter;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.exec.InvalidBlockException;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.ChainStore;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.producer.ChainView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place blocks are applied to the database, whatever their origin (local production,
 * a Raft log entry, block sync). Applies are serialized; readers use the store directly.
 *
 * <p>A block is stale when its parent is not our head: on a consensus node this happens only
 * when a deposed leader's proposal commits after a newer leader's block; every node sees the same
 * log and so rejects it the same way.
 */
public final class ChainService {
  private static final Logger LOG = LoggerFactory.getLogger(ChainService.class);

  private final String nodeTag;
  private final ChainStore store;
  private final BlockImporter importer;
  /** Results computed while building, so the producing node does not execute its block twice. */
  private final Map<Hash, BuiltBlock> builtHere = new ConcurrentHashMap<>();
  private final List<Consumer<Block>> appliedListeners = new CopyOnWriteArrayList<>();
  /** Published after each commit, so readers (RPC admission, production) never wait for an apply. */
  private volatile ChainView.Head head;

  public ChainService(String nodeTag, ChainStore store, BlockImporter importer) {
    this.nodeTag = nodeTag;
    this.store = store;
    this.importer = importer;
    this.head = new ChainView.Head(store.head(), store.headState());
  }

  public ChainStore store() {
    return store;
  }

  public void onApplied(Consumer<Block> listener) {
    appliedListeners.add(listener);
  }

  /** Remembers the execution result of a block this node sealed. */
  public void rememberBuilt(Block block, BuiltBlock built) {
    builtHere.put(block.hash(), built);
  }

  public void forgetBuilt(Block block) {
    builtHere.remove(block.hash());
  }

  /**
   * Verifies and applies a block on top of the head, writing the applied Raft index (if any) in
   * the same batch. Stale and invalid blocks change nothing but the applied index.
   */
  public synchronized ApplyOutcome apply(Block block, AppliedIndex index) {
    BuiltBlock built = builtHere.remove(block.hash());
    Block head = store.head();
    if (block.number() != head.number() + 1 || !block.header().parentHash().equals(head.hash())) {
      String why = "block " + block.number() + " " + block.hash() + " does not extend head "
          + head.number() + " " + head.hash();
      markApplied(index);
      LOG.info("[{}] rejected stale block: {}", nodeTag, why);
      return ApplyOutcome.stale(why);
    }
    BlockCommit commit;
    try {
      commit = built != null && built.state().parentRoot().equals(head.header().stateRoot())
          ? new BlockCommit(block, built.receipts(), built.state(), index)
          : importer.verify(block, head.header(), store.headState(), index);
    } catch (InvalidBlockException e) {
      markApplied(index);
      LOG.warn("[{}] rejected invalid block {} {}: {}", nodeTag, block.number(), block.hash(), e.getMessage());
      return ApplyOutcome.invalid(e.getMessage());
    }
    store.commit(commit);
    this.head = new ChainView.Head(block, store.headState());
    for (Consumer<Block> l : appliedListeners) {
      try {
        l.accept(block);
      } catch (RuntimeException e) {
        LOG.error("[{}] block listener failed", nodeTag, e);
      }
    }
    return ApplyOutcome.APPLIED;
  }

  private void markApplied(AppliedIndex index) {
    if (index != null) {
      store.markApplied(index);
    }
  }

  /** Head block and its state, consistent with each other; never waits for an apply in progress. */
  public ChainView.Head head() {
    return head;
  }
}
