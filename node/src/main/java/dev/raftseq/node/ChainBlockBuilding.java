package dev.raftseq.node;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.BlockSealer;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.state.StateRootCalculator;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Header;
import dev.raftseq.producer.BlockBuilding;

/** The production loop's view of block building: the chain's builder, sealer. */
final class ChainBlockBuilding implements BlockBuilding {
  private final BlockBuilder builder;
  private final NodeKey key;

  ChainBlockBuilding(StateRootCalculator roots, NodeKey key) {
    this.builder = new BlockBuilder(roots);
    this.key = key;
  }

  @Override
  public BuiltBlock build(Header parent, StateView parentState, BlockContext context, TxCandidates candidates,
      int maxTransactions) {
    return builder.build(parent, parentState, context, candidates, maxTransactions);
  }

  @Override
  public Block seal(BuiltBlock built, Header parent, long term) {
    return BlockSealer.seal(built, parent, key, term);
  }
}
