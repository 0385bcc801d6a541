package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;

/** Transactions offered to the block builder in inclusion order (per sender by nonce). */
public interface TxCandidates {
  /** The next candidate, or null when there is none. */
  RecoveredTx next();

  /** The last candidate from this sender could not be included: skip the sender's later ones. */
  void skipSender(Address sender);
}
