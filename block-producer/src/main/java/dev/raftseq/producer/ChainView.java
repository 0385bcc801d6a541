package dev.raftseq.producer;

import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Block;

/** The applied chain as the producer sees it. */
public interface ChainView {

  /** The newest applied block and its post-state, read together so that they match. */
  Head head();

  /** A head block and the state after it. */
  record Head(Block block, StateView state) {}
}
