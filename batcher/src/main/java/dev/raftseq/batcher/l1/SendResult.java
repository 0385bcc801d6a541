package dev.raftseq.batcher.l1;

/** How the L1 node answered eth_sendRawTransaction. */
public enum SendResult {
  /** In the pool now. */
  ACCEPTED,
  /** It was already in the pool (a re-broadcast). */
  ALREADY_KNOWN,
  /** Its nonce is used: some transaction at that nonce is already mined. */
  NONCE_TOO_LOW,
  /** A transaction at the same nonce with higher fees is in the pool, or the fee is below the minimum. */
  UNDERPRICED,
  /** Refused for another reason (the message is reported as an L1 error). */
  REJECTED
}
