package dev.raftseq.producer;

import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Header;

/** Executing and sealing a block ({@link ExecBlockBuilding} in production, a fake in unit tests). */
public interface BlockBuilding {

  /** Executes candidates on the parent state (see {@code BlockBuilder#build}). */
  BuiltBlock build(
      Header parent, StateView parentState, BlockContext context, TxCandidates candidates, int maxTransactions);

  /** Signs the built block with this node's key under {@code term}. */
  Block seal(BuiltBlock built, Header parent, long term);
}
