package dev.raftseq.raft;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.LeaderElectionManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RaftAdmin} as in-process calls on this node's Raft server: the Ratis admin requests are
 * submitted to the local {@code RaftServer} (its {@code AdminAsynchronousProtocol}), never through a
 * Ratis admin client, so nothing here needs Ratis's admin service reachable over the network.
 */
final class LocalRaftAdmin implements RaftAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRaftAdmin.class);
  /** Extra time, beyond an operation's own timeout, to wait for Ratis's reply. */
  private static final long REPLY_GRACE_MILLIS = 1_000;

  private final String nodeName;
  private final RaftPeerId selfId;
  private final RaftGroupId groupId;
  private final Supplier<RaftServer> server;
  private final Supplier<RaftServer.Division> division;
  /** A follower whose last response to the leader is older than this is not a hand-off target. */
  private final Duration responsiveWithin;
  /** How long one hand-off target may take before the next is tried (an up-to-date one takes an election). */
  private final Duration handOffTry;
  /** Peers being added (id to address), which the transport admits before they are members. */
  private final Map<String, String> admitting;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();

  LocalRaftAdmin(String nodeName, RaftPeerId selfId, RaftGroupId groupId, Supplier<RaftServer> server,
      Supplier<RaftServer.Division> division, Duration responsiveWithin, Map<String, String> admitting) {
    this.admitting = admitting;
    this.nodeName = nodeName;
    this.selfId = selfId;
    this.groupId = groupId;
    this.server = server;
    this.division = division;
    this.responsiveWithin = responsiveWithin;
    this.handOffTry = responsiveWithin.multipliedBy(2);
  }

  /** Makes {@code nodeId} the leader; returns once it leads. Must run on the leader. */
  @Override
  public void transferLeadership(String nodeId, Duration timeout) throws AdminException {
    RaftPeerId target = peerId(nodeId);
    RaftServer.Division d = leaderDivision();
    if (target.equals(selfId)) {
      return;
    }
    if (d.getRaftConf().getPeer(target) == null) {
      throw new AdminException(Kind.INVALID, nodeId + " is not a member of the group", null);
    }
    transfer(target, timeout);
  }

  /**
   * If this node leads, hands leadership to the most up-to-date follower that answered recently
   * (trying the next one if a transfer fails) and returns the new leader; empty if this node does not
   * lead.
   */
  @Override
  public Optional<String> handOff(Duration timeout) throws AdminException {
    RaftServer.Division d = currentDivision();
    if (!d.getInfo().isLeader()) {
      return Optional.empty();
    }
    List<RaftPeerId> candidates = handOffCandidates(d);
    if (candidates.isEmpty()) {
      throw new AdminException(Kind.FAILED, "no follower answered within " + responsiveWithin.toMillis()
          + " ms to hand leadership to", null);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    AdminException last = null;
    for (RaftPeerId target : candidates) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        transfer(target, Duration.ofNanos(Math.min(left, handOffTry.toNanos())));
        return Optional.of(NodeIds.fromPeerId(target.toString()));
      } catch (AdminException e) {
        LOG.warn("{}: handing leadership to {} failed: {}", nodeName, short10(target), e.getMessage());
        last = e;
        if (e.kind() == Kind.NOT_LEADER) {
          break; // someone else leads now: nothing left to hand off
        }
      }
    }
    if (!currentDivision().getInfo().isLeader()) {
      return Optional.ofNullable(currentDivision().getInfo().getLeaderId())
          .map(id -> NodeIds.fromPeerId(id.toString()));
    }
    throw last != null ? last : new AdminException(Kind.FAILED, "no follower took over within " + timeout, null);
  }

  /**
   * Adds a voting member listening for Raft at {@code host:raftPort}; returns once the new
   * configuration committed (the new member caught up first). Must run on the leader.
   */
  @Override
  public List<String> addMember(String nodeId, String host, int raftPort, Duration timeout) throws AdminException {
    RaftPeerId id = peerId(nodeId);
    RaftServer.Division d = leaderDivision();
    if (d.getRaftConf().getPeer(id) != null) {
      throw new AdminException(Kind.INVALID, nodeId + " is already a member", null);
    }
    RaftPeer peer = RaftPeer.newBuilder().setId(id)
        .setAddress(new RaftNodeConfig.Peer(nodeId, host, raftPort).address()).build();
    SetConfigurationRequest.Arguments args = SetConfigurationRequest.Arguments.newBuilder()
        .setServersInNewConf(List.of(peer)).setMode(SetConfigurationRequest.Mode.ADD).build();
    // the leader replicates to the new peer before the configuration naming it is even appended
    admitting.put(id.toString(), peer.getAddress());
    try {
      setConfiguration(args, timeout, "add " + short10(id) + " at " + peer.getAddress());
    } finally {
      admitting.remove(id.toString());
    }
    return members();
  }

  /**
   * Removes a voting member (the leader itself included: it steps down once the change commits);
   * returns once the new configuration committed. Must run on the leader.
   */
  @Override
  public List<String> removeMember(String nodeId, Duration timeout) throws AdminException {
    RaftPeerId id = peerId(nodeId);
    RaftServer.Division d = leaderDivision();
    RaftConfiguration conf = d.getRaftConf();
    if (conf.getPeer(id) == null) {
      throw new AdminException(Kind.INVALID, nodeId + " is not a member", null);
    }
    List<RaftPeer> current = new ArrayList<>(conf.getCurrentPeers());
    List<RaftPeer> next = current.stream().filter(p -> !p.getId().equals(id)).toList();
    if (next.isEmpty()) {
      throw new AdminException(Kind.INVALID, "cannot remove the last member", null);
    }
    SetConfigurationRequest.Arguments args = SetConfigurationRequest.Arguments.newBuilder()
        .setServersInCurrentConf(current).setServersInNewConf(next)
        .setListenersInCurrentConf(new ArrayList<>(conf.getAllPeers(
            org.apache.ratis.proto.RaftProtos.RaftPeerRole.LISTENER)))
        .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET).build();
    setConfiguration(args, timeout, "remove " + short10(id));
    return members();
  }

  /**
   * Syncs the chain database and writes a snapshot marker at the applied index, so the log up to it
   * may be purged; returns the marker's index (-1 when nothing was applied yet). Runs on any node.
   */
  @Override
  public long snapshot(Duration timeout) throws AdminException {
    SnapshotManagementRequest request = SnapshotManagementRequest.newCreate(clientId, selfId, groupId,
        callIds.incrementAndGet(), timeout.toMillis(), 1);
    RaftClientReply reply = await(server().snapshotManagementAsync(request), timeout, "snapshot");
    if (!reply.isSuccess()) {
      throw new AdminException(Kind.FAILED, "snapshot failed: " + reply.getException(), null);
    }
    return reply.getLogIndex();
  }

  /**
   * Stops (or lets again) this node stand for election: a paused node never becomes leader, also not
   * by a leadership transfer. Node-local, not persisted.
   */
  @Override
  public void setElectionPaused(boolean paused) throws AdminException {
    LeaderElectionManagementRequest request = paused
        ? LeaderElectionManagementRequest.newPause(clientId, selfId, groupId, callIds.incrementAndGet())
        : LeaderElectionManagementRequest.newResume(clientId, selfId, groupId, callIds.incrementAndGet());
    RaftClientReply reply = await(server().leaderElectionManagementAsync(request), Duration.ofSeconds(5),
        paused ? "pause election" : "resume election");
    if (!reply.isSuccess()) {
      throw new AdminException(Kind.FAILED, "election " + (paused ? "pause" : "resume") + " failed: "
          + reply.getException(), null);
    }
  }

  /** The voting members of the configuration in force on this node. */
  @Override
  public List<String> members() {
    RaftConfiguration conf = currentDivision().getRaftConf();
    List<String> out = new ArrayList<>();
    for (RaftPeer p : conf.getCurrentPeers()) {
      out.add(NodeIds.fromPeerId(p.getId().toString()));
    }
    out.sort(null);
    return List.copyOf(out);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private void transfer(RaftPeerId target, Duration timeout) throws AdminException {
    LOG.info("{}: transferring leadership to {}", nodeName, short10(target));
    TransferLeadershipRequest request = new TransferLeadershipRequest(clientId, selfId, groupId,
        callIds.incrementAndGet(), target, timeout.toMillis());
    RaftClientReply reply;
    try {
      reply = await(server().transferLeadershipAsync(request), timeout, "transfer leadership");
    } catch (IOException e) {
      throw failure(e);
    }
    if (!reply.isSuccess()) {
      throw failure(reply);
    }
  }

  private void setConfiguration(SetConfigurationRequest.Arguments args, Duration timeout, String what)
      throws AdminException {
    LOG.info("{}: membership change: {}", nodeName, what);
    SetConfigurationRequest request = new SetConfigurationRequest(clientId, selfId, groupId,
        callIds.incrementAndGet(), args);
    RaftClientReply reply;
    try {
      reply = await(server().setConfigurationAsync(request), timeout, what);
    } catch (IOException e) {
      throw failure(e);
    }
    if (!reply.isSuccess()) {
      throw failure(reply);
    }
    LOG.info("{}: membership change committed: {}; members now {}", nodeName, what,
        members().stream().map(LocalRaftAdmin::short10).toList());
  }

  /** Responsive followers of the current configuration, most up to date first. */
  private List<RaftPeerId> handOffCandidates(RaftServer.Division d) {
    RoleInfoProto role = d.getInfo().getRoleInfoProto();
    if (!role.hasLeaderInfo()) {
      return List.of();
    }
    Map<RaftPeerId, Long> commit = new HashMap<>();
    for (CommitInfoProto c : d.getCommitInfos()) {
      commit.put(RaftPeerId.valueOf(c.getServer().getId()), c.getCommitIndex());
    }
    List<RaftPeerId> out = new ArrayList<>();
    for (ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
      RaftPeerId id = RaftPeerId.valueOf(f.getId().getId());
      boolean voting = d.getRaftConf().getCurrentPeers().stream().anyMatch(p -> p.getId().equals(id));
      if (voting && !id.equals(selfId) && f.getLastRpcElapsedTimeMs() <= responsiveWithin.toMillis()) {
        out.add(id);
      }
    }
    out.sort(Comparator.comparingLong((RaftPeerId id) -> commit.getOrDefault(id, -1L)).reversed()
        .thenComparing(RaftPeerId::toString));
    return out;
  }

  private RaftServer.Division leaderDivision() throws AdminException {
    RaftServer.Division d = currentDivision();
    if (!d.getInfo().isLeader()) {
      RaftPeerId leader = d.getInfo().getLeaderId();
      String leaderId = leader == null ? null : NodeIds.fromPeerId(leader.toString());
      throw new AdminException(Kind.NOT_LEADER, "this node is not the leader"
          + (leaderId == null ? " and no leader is known" : "; the leader is " + leaderId), leaderId);
    }
    return d;
  }

  private RaftServer.Division currentDivision() {
    return division.get();
  }

  private RaftServer server() {
    RaftServer s = server.get();
    if (s == null) {
      throw new IllegalStateException(nodeName + ": Raft server not running");
    }
    return s;
  }

  private static RaftPeerId peerId(String nodeId) throws AdminException {
    try {
      return RaftPeerId.valueOf(NodeIds.peerId(nodeId));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new AdminException(Kind.INVALID, "not a node id (0x + 128 hex): " + nodeId, null);
    }
  }

  private AdminException failure(RaftClientReply reply) {
    Exception e = reply.getException();
    if (reply.getNotLeaderException() != null) {
      RaftPeer leader = reply.getNotLeaderException().getSuggestedLeader();
      String id = leader == null ? null : NodeIds.fromPeerId(leader.getId().toString());
      return new AdminException(Kind.NOT_LEADER, "this node is no longer the leader", id);
    }
    return failure(e == null ? new IOException("no reason given") : e);
  }

  private static AdminException failure(Exception e) {
    String name = e.getClass().getSimpleName();
    Kind kind = name.equals("ReconfigurationInProgressException") || name.equals("LeaderSteppingDownException")
        || (name.equals("TransferLeadershipException") && String.valueOf(e.getMessage()).contains("reconfiguration"))
        ? Kind.CONFLICT : name.equals("NotLeaderException") ? Kind.NOT_LEADER : Kind.FAILED;
    return new AdminException(kind, name + ": " + e.getMessage(), null);
  }

  private static RaftClientReply await(CompletableFuture<RaftClientReply> reply, Duration timeout, String what)
      throws AdminException {
    try {
      return reply.get(timeout.toMillis() + REPLY_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AdminException(Kind.FAILED, what + ": no outcome within " + timeout.toMillis()
          + " ms (it may still complete)", null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw failure(cause instanceof Exception ex ? ex : new IOException(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminException(Kind.FAILED, what + ": interrupted", null);
    }
  }

  private static String short10(Object id) {
    String s = id.toString();
    return s.startsWith("0x") ? s.substring(0, Math.min(10, s.length())) : "0x" + s.substring(0, Math.min(8, s.length()));
  }
}
