package dev.raftseq.node;

import dev.raftseq.chain.store.ChainReader;
import dev.raftseq.chain.types.Block;
import dev.raftseq.raft.RaftNode;
import dev.raftseq.status.BatcherStatus;
import dev.raftseq.status.HeadStatus;
import dev.raftseq.status.NodeStatus;
import dev.raftseq.status.PeerStatus;
import dev.raftseq.status.RaftState;
import dev.raftseq.status.RaftStatus;
import dev.raftseq.status.Readiness;
import dev.raftseq.status.Role;
import dev.raftseq.status.StatusSource;
import dev.raftseq.replay.SyncProgress;
import dev.raftseq.status.SyncStatus;
import java.util.Optional;
import java.util.function.Supplier;

/** What /status reports: Raft state (zksync-os-server's shape), role, head, batcher and p2p sync. */
final class NodeStatusSource implements StatusSource {
  /** A follower more entries behind its commit index than this is still catching up. */
  static final long READY_LAG_ENTRIES = 2;

  private final ChainReader chain;
  private final Optional<RaftNode> raft;
  private final Supplier<BatcherStatus> batcher;
  private final boolean external;
  private volatile Supplier<SyncProgress> sync;
  private volatile boolean started;

  NodeStatusSource(ChainReader chain, Optional<RaftNode> raft, Supplier<BatcherStatus> batcher) {
    this(chain, raft, batcher, false);
  }

  private NodeStatusSource(ChainReader chain, Optional<RaftNode> raft, Supplier<BatcherStatus> batcher,
      boolean external) {
    this.chain = chain;
    this.raft = raft;
    this.batcher = batcher;
    this.external = external;
  }

  /** An external node: role external, no Raft, no batcher; ready once it has every block its peers have. */
  static NodeStatusSource external(ChainReader chain) {
    BatcherStatus none = new BatcherStatus(false);
    return new NodeStatusSource(chain, Optional.empty(), () -> none, true);
  }

  /** Reports block sync over p2p (highest head seen, peers) from now on. */
  void syncFrom(Supplier<SyncProgress> progress) {
    this.sync = progress;
  }

  void markStarted() {
    started = true;
  }

  @Override
  public NodeStatus status() {
    Block head = chain.head();
    HeadStatus h = new HeadStatus(head.number(), head.hash(), head.header().timestamp());
    Optional<RaftStatus> rs = raft.map(r -> toStatus(r.status()));
    Role role = external ? Role.EXTERNAL : rs.map(NodeStatusSource::role).orElse(Role.SINGLE);
    Supplier<SyncProgress> s = sync;
    Optional<SyncStatus> syncStatus = Optional.ofNullable(s).map(Supplier::get)
        .map(p -> new SyncStatus(Math.max(p.highestSeen(), head.number()), p.peers(), p.caughtUp()));
    return new NodeStatus(rs, role, h, batcher.get(), syncStatus);
  }

  @Override
  public Readiness readiness() {
    if (!started) {
      return Readiness.notReady("starting");
    }
    if (external) {
      Supplier<SyncProgress> s = sync;
      SyncProgress p = s == null ? null : s.get();
      if (p == null || p.peers() == 0) {
        return Readiness.notReady("no peer to sync from");
      }
      return p.caughtUp() ? Readiness.ok()
          : Readiness.notReady("syncing: head " + p.ownHead() + ", peers have " + p.highestSeen());
    }
    if (raft.isEmpty()) {
      return Readiness.ok();
    }
    dev.raftseq.raft.RaftStatus s = raft.get().status();
    if (s.isLeader()) {
      return Readiness.ok();
    }
    if (!"Follower".equals(s.state())) {
      return Readiness.notReady("raft state " + s.state() + (s.state().equals("Leader") ? " (not ready yet)" : ""));
    }
    if (s.currentLeader() == null) {
      return Readiness.notReady("no known leader");
    }
    long lag = s.commitIndex() - s.lastAppliedIndex();
    return lag <= READY_LAG_ENTRIES ? Readiness.ok()
        : Readiness.notReady("catching up: " + lag + " committed entries not applied yet");
  }

  private static RaftStatus toStatus(dev.raftseq.raft.RaftStatus s) {
    return new RaftStatus("0x" + strip(s.nodeId()), state(s.state()), s.isLeader(),
        Optional.ofNullable(s.currentLeader()).map(l -> "0x" + strip(l)), s.currentTerm(),
        s.lastAppliedIndex(), s.commitIndex(), s.logStartIndex(),
        s.peers().stream().map(p -> new PeerStatus("0x" + strip(p.nodeId()), p.address())).toList());
  }

  private static String strip(String id) {
    return id.startsWith("0x") ? id.substring(2) : id;
  }

  private static RaftState state(String s) {
    return switch (s) {
      case "Leader" -> RaftState.LEADER;
      case "Follower" -> RaftState.FOLLOWER;
      case "Candidate" -> RaftState.CANDIDATE;
      case "Listener" -> RaftState.LEARNER;
      default -> RaftState.SHUTDOWN;
    };
  }

  private static Role role(RaftStatus s) {
    if (s.isLeader()) {
      return Role.LEADER;
    }
    return switch (s.state()) {
      case FOLLOWER, LEARNER -> Role.FOLLOWER;
      default -> Role.CANDIDATE;
    };
  }
}
