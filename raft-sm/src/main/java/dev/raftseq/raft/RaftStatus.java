package dev.raftseq.raft;

import java.util.List;

/**
 * This node's view of the Raft group, for {@code /status}.
 *
 * @param state "Leader", "Follower", "Candidate", "Listener" or "Shutdown"
 * @param isLeader true only while this node may produce blocks (leader and ready, see
 *     {@link LeadershipState#producingTerm()}); a just-elected leader reports state "Leader" but
 *     isLeader false until it is ready
 * @param currentLeader the leader's node id, or null when none is known
 * @param lastAppliedIndex the last Raft index applied on this node (-1 before the first)
 * @param commitIndex the last Raft index known committed (-1 before the first)
 * @param logStartIndex the first index still in the local log (advances when the log is purged)
 */
public record RaftStatus(
    String nodeId,
    String state,
    boolean isLeader,
    String currentLeader,
    long currentTerm,
    long lastAppliedIndex,
    long commitIndex,
    long logStartIndex,
    List<PeerStatus> peers) {

  public RaftStatus {
    peers = List.copyOf(peers);
  }

  public record PeerStatus(String nodeId, String address) {}
}
