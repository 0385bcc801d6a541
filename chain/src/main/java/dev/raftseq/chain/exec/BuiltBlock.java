package dev.raftseq.chain.exec;

import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import java.util.List;

/** The result of executing transactions on a parent state, ready to be sealed. */
public record BuiltBlock(
    BlockContext context,
    List<RecoveredTx> included,
    List<Receipt> receipts,
    PreparedState state,
    long gasUsed,
    List<RejectedTx> rejected) {
  public BuiltBlock {
    included = List.copyOf(included);
    receipts = List.copyOf(receipts);
    rejected = List.copyOf(rejected);
  }
}
