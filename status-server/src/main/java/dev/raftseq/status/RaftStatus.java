package dev.raftseq.status;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code consensus.raft} object of /status. Field names and meanings follow zksync-os-server;
 * {@code commitIndex} and {@code peers} are ours.
 *
 * @param nodeId this node's id, {@code 0x} + 128 hex
 * @param state what the Raft server says it is
 * @param isLeader the confirmed role: leader and ready to produce, so it can be false while
 *     {@code state} is LEADER
 * @param currentLeader the leader this node knows of, if any
 * @param logStartIndex the first entry still in this node's Raft log (moves up as the log is purged)
 */
public record RaftStatus(
    String nodeId,
    RaftState state,
    boolean isLeader,
    Optional<String> currentLeader,
    long currentTerm,
    long lastAppliedIndex,
    long commitIndex,
    long logStartIndex,
    List<PeerStatus> peers) {
  public RaftStatus {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(currentLeader, "currentLeader");
    peers = List.copyOf(peers);
  }
}
