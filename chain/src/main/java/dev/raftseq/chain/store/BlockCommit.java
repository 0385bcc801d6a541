package dev.raftseq.chain.store;

import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Receipt;
import java.util.List;

/**
 * Everything applying one block writes, in one atomic RocksDB batch: block, transaction index,
 * receipts, state, the new head and (on consensus nodes) the applied Raft index. Transactions of
 * the block are also removed from the persisted replicated pool.
 *
 * @param appliedIndex null when the block did not come from a Raft log entry
 */
public record BlockCommit(Block block, List<Receipt> receipts, PreparedState state, AppliedIndex appliedIndex) {
  public BlockCommit {
    receipts = List.copyOf(receipts);
    if (receipts.size() != block.transactions().size()) {
      throw new IllegalArgumentException("one receipt per transaction");
    }
    if (!state.root().equals(block.header().stateRoot())) {
      throw new IllegalArgumentException("prepared state root differs from the header's");
    }
  }
}
