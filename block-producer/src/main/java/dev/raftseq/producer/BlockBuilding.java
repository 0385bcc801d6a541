package dev.raftseq.producer;

import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Wei;

/** Executing and sealing a block, and the header rules the producer needs from the parent. */
public interface BlockBuilding {

  /** Executes candidates on the parent state (see {@code BlockBuilder#build}). */
  BuiltBlock build(
      Header parent, StateView parentState, BlockContext context, TxCandidates candidates, int maxTransactions);

  /** Signs the built block with this node's key under {@code term}. */
  Block seal(BuiltBlock built, Header parent, long term);

  /** The block timestamp in milliseconds carried in the header's seal vanity. */
  long timestampMillis(Header header);

  /** The base fee of the block after {@code parent} (EIP-1559). */
  Wei nextBaseFee(Header parent);
}
