package dev.raftseq.replay;

/**
 * Replay's view for {@code /status} and metrics.
 *
 * @param ownHead this node's head block number
 * @param highestSeen the highest head any peer announced (Status, NewBlock, NewHead)
 * @param peers peers that completed the zks Status exchange
 * @param applied blocks replay verified and applied since start
 * @param rejected blocks replay refused (their senders were disconnected)
 */
public record SyncProgress(long ownHead, long highestSeen, int peers, long applied, long rejected) {
  /** Whether this node has every block a peer told it about (false with no peers). */
  public boolean caughtUp() {
    return peers > 0 && ownHead >= highestSeen;
  }
}
