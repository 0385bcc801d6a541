package dev.raftseq.status;

import java.util.Objects;
import java.util.Optional;

/**
 * One consistent snapshot for /status.
 *
 * @param raft present only on consensus nodes; absent renders as {@code "raft": null}
 */
public record NodeStatus(Optional<RaftStatus> raft, Role role, HeadStatus head, BatcherStatus batcher) {
  public NodeStatus {
    Objects.requireNonNull(raft, "raft");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(batcher, "batcher");
  }
}
