package dev.raftseq.chain.exec;

import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import java.util.List;

/**
 * The result of executing transactions on a parent state, ready to be sealed.
 *
 * @param rejected candidates that are invalid on this block's state (the reason tells the pool
 *     whether to drop them, e.g. NONCE_TOO_LOW, or keep them, e.g. NONCE_TOO_HIGH)
 * @param deferred valid candidates that did not fit in the gas the block had left; they go into
 *     a later block (reason {@code GAS_LIMIT})
 */
public record BuiltBlock(
    BlockContext context,
    List<RecoveredTx> included,
    List<Receipt> receipts,
    PreparedState state,
    long gasUsed,
    List<RejectedTx> rejected,
    List<RejectedTx> deferred) {
  public BuiltBlock {
    included = List.copyOf(included);
    receipts = List.copyOf(receipts);
    rejected = List.copyOf(rejected);
    deferred = List.copyOf(deferred);
  }

  public BuiltBlock(
      BlockContext context,
      List<RecoveredTx> included,
      List<Receipt> receipts,
      PreparedState state,
      long gasUsed,
      List<RejectedTx> rejected) {
    this(context, included, receipts, state, gasUsed, rejected, List.of());
  }
}
