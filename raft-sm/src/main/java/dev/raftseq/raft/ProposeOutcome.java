package dev.raftseq.raft;

import java.util.Objects;

/**
 * How a block proposal ended, as seen by the proposing node.
 *
 * @param logIndex the Raft index of the entry when it was committed and applied, else -1
 */
public record ProposeOutcome(Kind kind, String detail, long logIndex) {

  public enum Kind {
    /** Committed and applied on this node: the block is part of the chain. */
    APPLIED,
    /** Committed, but built on a head that was already extended: rejected identically on every node. */
    REJECTED_STALE,
    /** Committed, but failed verification: rejected identically on every node. */
    REJECTED_INVALID,
    /**
     * This node is not (or no longer) the ready leader. If the entry had already been appended it
     * may still commit under the next leader, and is then applied or rejected like any other entry.
     */
    NOT_LEADER,
    /** Anything else (timeout, server closed, entry too large): the outcome is unknown. */
    FAILED
  }

  public ProposeOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  static ProposeOutcome of(Kind kind, String detail) {
    return new ProposeOutcome(kind, detail, -1);
  }
}
