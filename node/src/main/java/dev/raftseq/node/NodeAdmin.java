package dev.raftseq.node;

import dev.raftseq.node.config.Enode;
import dev.raftseq.producer.SequencerCore;
import dev.raftseq.raft.RaftAdmin;
import dev.raftseq.raft.RaftNode;
import dev.raftseq.status.admin.AdminOperations;
import dev.raftseq.status.admin.AdminReply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API's operations on this node: in-process calls on the sequencer core and, on a consensus
 * node, on {@link RaftAdmin} (never a Ratis admin client over the network). Group changes run on the
 * leader; elsewhere the answer is 409 naming the leader.
 */
final class NodeAdmin implements AdminOperations {
  private static final Logger LOG = LoggerFactory.getLogger(NodeAdmin.class);
  static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(10);
  static final Duration MEMBERSHIP_TIMEOUT = Duration.ofSeconds(60);
  static final Duration SNAPSHOT_TIMEOUT = Duration.ofSeconds(30);

  private final String nodeTag;
  private final SequencerCore core;
  private final Optional<RaftNode> raft;
  private final int raftPortOffset;
  private final Duration handOffTimeout;
  private final Runnable roleChanged;

  /**
   * @param raftPortOffset a new member's Raft port is its enode port plus this
   * @param handOffTimeout how long a paused leader waits for a follower to take over
   * @param roleChanged told after a pause or resume
   */
  NodeAdmin(String nodeTag, SequencerCore core, Optional<RaftNode> raft, int raftPortOffset, Duration handOffTimeout,
      Runnable roleChanged) {
    this.nodeTag = nodeTag;
    this.core = core;
    this.raft = raft;
    this.raftPortOffset = raftPortOffset;
    this.handOffTimeout = handOffTimeout;
    this.roleChanged = roleChanged;
  }

  @Override
  public AdminReply transferLeadership(String peerId) {
    return withRaft(admin -> {
      admin.transferLeadership(peerId, TRANSFER_TIMEOUT);
      return AdminReply.ok("leader", peerId.toLowerCase(java.util.Locale.ROOT));
    });
  }

  /**
   * Stops production here at once, keeps this node from being elected, and, if it leads, hands
   * leadership to the most up-to-date responsive follower so the chain goes on.
   */
  @Override
  public AdminReply pause() {
    boolean changed = core.pauseProduction();
    roleChanged.run();
    if (raft.isEmpty()) {
      return AdminReply.ok("paused", true, "changed", changed);
    }
    RaftAdmin admin = raft.get().admin();
    try {
      admin.setElectionPaused(true);
      Optional<String> next = admin.handOff(handOffTimeout);
      roleChanged.run();
      return AdminReply.ok("paused", true, "changed", changed, "handed_off", next.isPresent(),
          "leader", next.or(() -> Optional.ofNullable(raft.get().status().currentLeader())).orElse(null));
    } catch (RaftAdmin.AdminException e) {
      LOG.warn("[{}] paused, but leadership stayed here: {}", nodeTag, e.getMessage());
      return AdminReply.ok("paused", true, "changed", changed, "handed_off", false,
          "leader", raft.get().status().currentLeader(),
          "warning", "production is paused but this node still leads (no follower took over: " + e.getMessage()
              + "); the chain stalls until one can");
    }
  }

  @Override
  public AdminReply resume() {
    boolean changed = core.resumeProduction();
    if (raft.isPresent()) {
      try {
        raft.get().admin().setElectionPaused(false);
      } catch (RaftAdmin.AdminException e) {
        return refusal(e);
      }
    }
    roleChanged.run();
    return AdminReply.ok("paused", false, "changed", changed);
  }

  @Override
  public AdminReply addMember(String enodeUrl) {
    Enode enode;
    try {
      enode = Enode.parse(enodeUrl);
    } catch (IllegalArgumentException e) {
      return AdminReply.error(400, "bad_request", e.getMessage());
    }
    int raftPort = enode.port() + raftPortOffset;
    if (raftPort > 65535) {
      return AdminReply.error(400, "bad_request", "Raft port " + raftPort + " (enode port + " + raftPortOffset
          + ") is above 65535");
    }
    return withRaft(admin -> {
      List<String> members = admin.addMember(enode.nodeIdHex(), enode.host(), raftPort, MEMBERSHIP_TIMEOUT);
      return AdminReply.ok("members", members, "added", enode.nodeIdHex(),
          "raft_address", enode.address().withPort(raftPort).toString());
    });
  }

  @Override
  public AdminReply removeMember(String peerId) {
    return withRaft(admin -> AdminReply.ok("members", admin.removeMember(peerId, MEMBERSHIP_TIMEOUT),
        "removed", peerId.toLowerCase(java.util.Locale.ROOT)));
  }

  @Override
  public AdminReply snapshot() {
    return withRaft(admin -> AdminReply.ok("index", admin.snapshot(SNAPSHOT_TIMEOUT)));
  }

  private interface RaftCall {
    AdminReply run(RaftAdmin admin) throws RaftAdmin.AdminException;
  }

  private AdminReply withRaft(RaftCall call) {
    if (raft.isEmpty()) {
      return AdminReply.error(409, "no_consensus", "this node runs without consensus (a single sequencer)");
    }
    try {
      return call.run(raft.get().admin());
    } catch (RaftAdmin.AdminException e) {
      return refusal(e);
    }
  }

  private static AdminReply refusal(RaftAdmin.AdminException e) {
    return switch (e.kind()) {
      case NOT_LEADER -> AdminReply.error(409, "not_leader", e.getMessage(), "leader", e.leader().orElse(null));
      case INVALID -> AdminReply.error(400, "bad_request", e.getMessage());
      case CONFLICT -> AdminReply.error(409, "conflict", e.getMessage());
      case FAILED -> AdminReply.error(503, "failed", e.getMessage());
    };
  }
}
