package dev.raftseq.status;

import java.util.Objects;
import java.util.Optional;

/**
 * One consistent snapshot for /status.
 *
 * @param raft present only on consensus nodes; absent renders as {@code "raft": null}
 * @param sync present on nodes that run p2p block sync
 */
public record NodeStatus(Optional<RaftStatus> raft, Role role, HeadStatus head, BatcherStatus batcher,
    Optional<SyncStatus> sync) {
  public NodeStatus(Optional<RaftStatus> raft, Role role, HeadStatus head, BatcherStatus batcher) {
    this(raft, role, head, batcher, Optional.empty());
  }

  public NodeStatus {
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(raft, "raft");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(batcher, "batcher");
  }
}
