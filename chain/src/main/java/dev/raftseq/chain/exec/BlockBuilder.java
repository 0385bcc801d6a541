package dev.raftseq.chain.exec;

import dev.raftseq.chain.state.StateRootCalculator;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Header;

/**
 * Executes candidate transactions on top of a parent state until the block is full (gas limit
 * or {@code maxTransactions}) or the candidates run out. Pure: reads state, writes nothing.
 */
public final class BlockBuilder {
  private final StateRootCalculator roots;

  public BlockBuilder(StateRootCalculator roots) {
    this.roots = roots;
  }

  public BuiltBlock build(
      Header parent, StateView parentState, BlockContext context, TxCandidates candidates, int maxTransactions) {
    throw new UnsupportedOperationException("TODO");
  }
}
