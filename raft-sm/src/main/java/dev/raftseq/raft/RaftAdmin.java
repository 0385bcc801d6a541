package dev.raftseq.raft;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Operations on the Raft group for the admin API and an orderly stop: leadership transfer and hand-off,
 * membership, snapshots, election pause. Implemented as in-process calls on this node's Raft server
 * (no Ratis admin client on the network). Operations that change the group run on the leader; on a
 * follower they fail with {@link Kind#NOT_LEADER} naming the leader. Blocking: call from a worker
 * thread. No Ratis type appears here.
 */
public interface RaftAdmin {

  /** Why an operation did not happen. */
  enum Kind {
    /** this node does not lead; {@link AdminException#leader()} names the leader if known */
    NOT_LEADER,
    /** the request names no valid member or target */
    INVALID,
    /** another membership change or transfer is in progress, or the group is not stable yet */
    CONFLICT,
    /** it did not happen (or not within the timeout; it may still complete) */
    FAILED
  }

  /** An operation that did not happen, and why. */
  final class AdminException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Kind kind;
    private final String leader;

    public AdminException(Kind kind, String message, String leader) {
      super(message);
      this.kind = kind;
      this.leader = leader;
    }

    public Kind kind() {
      return kind;
    }

    /** The leader's node id, for {@link Kind#NOT_LEADER}, when known. */
    public Optional<String> leader() {
      return Optional.ofNullable(leader);
    }
  }

  /** Makes {@code nodeId} the leader; returns once it leads. Must run on the leader. */
  void transferLeadership(String nodeId, Duration timeout) throws AdminException;

  /**
   * If this node leads, hands leadership to the most up-to-date follower that answered recently
   * (trying the next one if a transfer fails) and returns the new leader; empty if this node does not
   * lead.
   */
  Optional<String> handOff(Duration timeout) throws AdminException;

  /**
   * Adds a voting member listening for Raft at {@code host:raftPort}; returns the members once the new
   * configuration committed (the new member caught up first). Must run on the leader.
   */
  List<String> addMember(String nodeId, String host, int raftPort, Duration timeout) throws AdminException;

  /** Removes a voting member (the leader itself included: it steps down once the change commits). */
  List<String> removeMember(String nodeId, Duration timeout) throws AdminException;

  /**
   * Syncs the chain database and writes a snapshot marker at the applied index, so the log up to it may
   * be purged; returns the marker's index (-1 when nothing was applied yet). Runs on any node.
   */
  long snapshot(Duration timeout) throws AdminException;

  /** Stops (or lets again) this node stand for election; node-local, not persisted. */
  void setElectionPaused(boolean paused) throws AdminException;

  /** The voting members of the configuration in force on this node. */
  List<String> members();
}
