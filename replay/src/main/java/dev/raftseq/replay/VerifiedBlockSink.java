package dev.raftseq.replay;

import dev.raftseq.chain.store.BlockCommit;

/**
 * Port to the node's single apply path: where replay hands a block it verified (signer allowed,
 * parent is the head it was verified on, re-execution matched every root). The sequencer core
 * implements it; {@link StoreBlockSink} commits straight to the store for nodes without a core
 * and for tests. Called from one thread at a time.
 */
public interface VerifiedBlockSink {
  ApplyResult apply(BlockCommit verified);
}
