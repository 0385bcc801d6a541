package dev.raftseq.node;

import dev.raftseq.producer.SequencerCore;
import dev.raftseq.raft.RaftNode;
import dev.raftseq.raft.RaftStatus;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Keeps the role every log line carries in step with Raft and the operator's pause. Told of changes
 * by events (leader changes, producing term, pause); reads the state on {@code executor}, never on the
 * Raft thread that reported the event.
 */
final class RoleTracker {
  private final NodeLogFields fields;
  private final Optional<RaftNode> raft;
  private final SequencerCore core;
  private final Executor executor;
  private String current = "";

  RoleTracker(NodeLogFields fields, Optional<RaftNode> raft, SequencerCore core, Executor executor) {
    this.fields = fields;
    this.raft = raft;
    this.core = core;
    this.executor = executor;
  }

  /** Re-reads the role soon (from any thread). */
  void changed() {
    try {
      executor.execute(this::update);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  private synchronized void update() {
    String role = raft.map(r -> role(r.status())).orElse("single") + (core.productionPaused() ? "/paused" : "");
    if (!role.equals(current)) {
      current = role;
      fields.role(role);
    }
  }

  static String role(RaftStatus s) {
    if (s.isLeader()) {
      return "leader";
    }
    return switch (s.state()) {
      case "Leader" -> "leader";
      case "Follower" -> s.peers().isEmpty() ? "joining" : "follower";
      case "Candidate" -> "candidate";
      case "Listener" -> "listener";
      default -> "stopped";
    };
  }
}
