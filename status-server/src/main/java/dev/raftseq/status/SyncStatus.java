package dev.raftseq.status;

/**
 * Block sync over p2p, on nodes that run it.
 *
 * @param highestSeen the highest head any peer announced (this node's own head when it is higher)
 * @param peers peers on this chain
 * @param caughtUp whether this node has every block a peer told it about
 */
public record SyncStatus(long highestSeen, int peers, boolean caughtUp) {}
