package dev.raftseq.chain.exec;

import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.StateRootCalculator;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes candidate transactions on top of a parent state until the block is full (gas limit
 * or {@code maxTransactions}) or the candidates run out. Pure: reads state, writes nothing.
 *
 * <p>A candidate that is invalid on the block's state is reported in {@link BuiltBlock#rejected()}
 * and its sender's later candidates are skipped; one that is valid but needs more gas than the
 * block has left goes to {@link BuiltBlock#deferred()} (sender skipped too). Building stops once
 * less than {@link IntrinsicGas#TX_BASE} gas is left, since no transaction fits any more.
 */
public final class BlockBuilder {
  private final StateRootCalculator roots;
  private final TxProcessor processor = new TxProcessor();
  private final EvmEnv.BlockHashLookup ancestors;

  /** BLOCKHASH answers the parent's hash only (zero for older blocks). */
  public BlockBuilder(StateRootCalculator roots) {
    this(roots, null);
  }

  /**
   * @param ancestors canonical block hashes by number for BLOCKHASH; null to know only the
   *     parent's (importers must use the same rule)
   */
  public BlockBuilder(StateRootCalculator roots, EvmEnv.BlockHashLookup ancestors) {
    this.roots = roots;
    this.ancestors = ancestors;
  }

  /**
   * @param context the new block's environment, normally {@link BlockContext#childOf}; its number,
   *     gas limit and base fee must be those {@link BlockImporter} will require of the child of
   *     {@code parent}
   * @throws IllegalArgumentException when {@code context} or {@code parentState} do not belong to
   *     {@code parent}
   */
  public BuiltBlock build(
      Header parent, StateView parentState, BlockContext context, TxCandidates candidates, int maxTransactions) {
    requireChildContext(parent, parentState, context);
    EvmEnv env = ancestors == null ? EvmEnv.parentOnly(context) : EvmEnv.of(context, ancestors);
    StateOverlay state = new StateOverlay(parentState);
    List<RecoveredTx> included = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    List<RejectedTx> rejected = new ArrayList<>();
    List<RejectedTx> deferred = new ArrayList<>();
    long gasUsed = 0;
    while (included.size() < maxTransactions && context.gasLimit() - gasUsed >= IntrinsicGas.TX_BASE) {
      RecoveredTx tx = candidates.next();
      if (tx == null) {
        break;
      }
      TxResult result = processor.apply(tx, null, state, env, context.gasLimit() - gasUsed);
      if (result instanceof TxResult.Applied applied) {
        gasUsed += applied.gasUsed();
        included.add(tx);
        receipts.add(Receipts.of(tx, applied, gasUsed));
      } else {
        TxResult.Invalid invalid = (TxResult.Invalid) result;
        RejectedTx r = new RejectedTx(tx, invalid.reason(), invalid.detail());
        (invalid.retryLater() ? deferred : rejected).add(r);
        candidates.skipSender(tx.sender());
      }
    }
    StateDiff diff = state.diff();
    return new BuiltBlock(
        context, included, receipts, roots.prepare(parent.stateRoot(), diff), gasUsed, rejected, deferred);
  }

  private static void requireChildContext(Header parent, StateView parentState, BlockContext context) {
    if (context.number() != parent.number() + 1) {
      throw new IllegalArgumentException(
          "context is for block " + context.number() + " but the parent is block " + parent.number());
    }
    if (context.gasLimit() != parent.gasLimit()) {
      throw new IllegalArgumentException(
          "context gas limit " + context.gasLimit() + " differs from the parent's " + parent.gasLimit());
    }
    if (!context.baseFee().equals(BaseFee.next(parent))) {
      throw new IllegalArgumentException(
          "context base fee " + context.baseFee() + " is not the parent's next base fee " + BaseFee.next(parent));
    }
    if (!parentState.root().equals(parent.stateRoot())) {
      throw new IllegalArgumentException(
          "parent state " + parentState.root() + " is not the parent's state root " + parent.stateRoot());
    }
  }
}
