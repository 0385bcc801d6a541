package dev.raftseq.chain.store;

import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Receipt;
import java.util.List;

/**
 * Everything applying one block writes, in one atomic RocksDB batch: block, transaction index,
 * receipts, state, the new head and (on consensus nodes) the applied Raft index. Transactions of
 * the block, and {@code poolRemovals}, are also removed from the persisted committed set.
 *
 * @param appliedIndex null when the block did not come from a Raft log entry
 * @param poolRemovals other transactions that leave the committed set with this block (their nonce
 *     was used)
 */
public record BlockCommit(
    Block block, List<Receipt> receipts, PreparedState state, AppliedIndex appliedIndex, List<Hash> poolRemovals) {

  public BlockCommit(Block block, List<Receipt> receipts, PreparedState state, AppliedIndex appliedIndex) {
    this(block, receipts, state, appliedIndex, List.of());
  }

  public BlockCommit {
    poolRemovals = List.copyOf(poolRemovals);
    receipts = List.copyOf(receipts);
    if (receipts.size() != block.transactions().size()) {
      throw new IllegalArgumentException("one receipt per transaction");
    }
    if (!state.root().equals(block.header().stateRoot())) {
      throw new IllegalArgumentException("prepared state root differs from the header's");
    }
  }

  /** The same commit with more transactions leaving the committed set. */
  public BlockCommit withPoolRemovals(List<Hash> removals) {
    return new BlockCommit(block, receipts, state, appliedIndex, removals);
  }
}
