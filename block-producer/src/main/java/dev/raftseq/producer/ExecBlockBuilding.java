package dev.raftseq.producer;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.BlockSealer;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Header;

/** {@link BlockBuilding} with the chain's executor and sealer, signing with this node's key. */
public final class ExecBlockBuilding implements BlockBuilding {
  private final BlockBuilder builder;
  private final NodeKey key;

  public ExecBlockBuilding(BlockBuilder builder, NodeKey key) {
    this.builder = builder;
    this.key = key;
  }

  @Override
  public BuiltBlock build(
      Header parent, StateView parentState, BlockContext context, TxCandidates candidates, int maxTransactions) {
    return builder.build(parent, parentState, context, candidates, maxTransactions);
  }

  @Override
  public Block seal(BuiltBlock built, Header parent, long term) {
    return BlockSealer.seal(built, parent, key, term);
  }
}
