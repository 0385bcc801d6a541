package dev.raftseq.raft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.protocol.exceptions.TransferLeadershipException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consensus node's membership in the Raft group: a Ratis server running the
 * {@link BlockStateMachine}, plus a Raft client for transaction batches. No Ratis type appears in
 * this class's public API.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} once. A closed node cannot be restarted;
 * build a new one over the same storage directory and applier.
 */
public final class RaftNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

  private enum State { NEW, RUNNING, CLOSED }

  private final RaftNodeConfig config;
  private final String nodeName;
  private final RaftGroup group;
  private final RaftPeerId selfId;
  private final ClientId proposerId = ClientId.randomId();
  private final AtomicLong proposeCallIds = new AtomicLong();
  private final ExecutorService notifier;
  private final LeadershipTracker leadership;
  private final BlockStateMachine stateMachine;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private RaftServer server;
  private RaftClient client;
  private TxBatcher batcher;

  public RaftNode(RaftNodeConfig config, EntryApplier applier, Optional<SnapshotFetcher> fetcher) {
    this.config = Objects.requireNonNull(config, "config");
    this.selfId = RaftPeerId.valueOf(NodeIds.peerId(config.localNodeId()));
    this.nodeName = "raft[" + config.localNodeId().substring(0, 10) + "]";
    this.group = RaftGroup.valueOf(groupId(config.chainId()), config.peers().stream()
        .map(p -> RaftPeer.newBuilder().setId(NodeIds.peerId(p.nodeId())).setAddress(p.address()).build())
        .toList());
    this.notifier = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, nodeName + "-leadership");
      t.setDaemon(true);
      return t;
    });
    this.leadership = new LeadershipTracker(nodeName, notifier, new DivisionView(this::division));
    this.stateMachine = new BlockStateMachine(nodeName, Objects.requireNonNull(applier, "applier"),
        fetcher, leadership, proposerId.toByteString(), config.limits().maxEntryBytes());
  }

  /** The group id every node derives from the chain id: the same on every node, forever. */
  static RaftGroupId groupId(long chainId) {
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(
        ("raftseq-group:" + chainId).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Starts the Raft server and client.
   *
   * <p>With existing storage for the group, the node recovers it (log, term, vote, membership) and
   * {@code bootstrap} is ignored. Without storage it formats a new one whose initial membership is
   * the configured peer list. That is safe on every node of a new cluster, since all format the
   * identical membership (bootstrap=true). With bootstrap=false the node does the same, because
   * Ratis needs the membership to find the leader; it then joins with an empty log and the leader
   * replicates the log to it (or, when that is purged, {@link SnapshotFetcher} is asked to catch up).
   * A warning is logged in that case: a voter whose storage was lost has also forgotten its vote in
   * the current term, so it should rejoin only once the cluster has a leader.
   */
  public void start() throws IOException {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException(nodeName + " was already started");
    }
    boolean existing = Files.isDirectory(config.storageDir().resolve(group.getGroupId().getUuid().toString()));
    if (existing) {
      LOG.info("{}: recovering Raft storage in {}", nodeName, config.storageDir());
    } else if (config.bootstrap()) {
      LOG.info("{}: bootstrapping a new Raft group {} with {} peers", nodeName, group.getGroupId(), group.getPeers().size());
    } else {
      LOG.warn("{}: no Raft storage in {} and bootstrap=false: joining group {} with an empty log; the"
          + " leader will replicate the log to this node", nodeName, config.storageDir(), group.getGroupId());
    }
    try {
      server = RaftServer.newBuilder()
          .setServerId(selfId)
          .setGroup(group)
          .setProperties(RaftPropertiesFactory.server(config))
          .setStateMachine(stateMachine)
          .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
          .build();
      server.start();
      client = RaftClient.newBuilder()
          .setProperties(RaftPropertiesFactory.client(config))
          .setRaftGroup(group)
          .setRetryPolicy(RaftPropertiesFactory.clientRetryPolicy(config))
          .build();
      batcher = new TxBatcher(config.batching(), this::submitTransactions, nodeName + "-txbatcher");
    } catch (IOException | RuntimeException e) {
      LOG.error("{}: failed to start", nodeName, e);
      close();
      throw e;
    }
    LOG.info("{}: Raft server started on {}", nodeName, config.localPeer().address());
  }

  public LeadershipState leadership() {
    return leadership;
  }

  /** Completes with the cause if the state machine halted this node (it then refuses all work). */
  public CompletableFuture<Throwable> halted() {
    return stateMachine.halted();
  }

  /**
   * Proposes one sealed block as one log entry, straight to the local Raft server: no retry and no
   * redirect, so a node that is not the ready leader learns it at once (NOT_LEADER). Completes when
   * the entry is applied here (APPLIED, REJECTED_*), or with NOT_LEADER or FAILED.
   */
  public CompletableFuture<ProposeOutcome> proposeBlock(byte[] encodedBlock) {
    if (state.get() != State.RUNNING) {
      return CompletableFuture.completedFuture(ProposeOutcome.of(ProposeOutcome.Kind.FAILED, "node not running"));
    }
    byte[] entry;
    try {
      entry = EntryCodec.encodeBlock(encodedBlock);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(ProposeOutcome.of(ProposeOutcome.Kind.FAILED, e.getMessage()));
    }
    if (entry.length > config.limits().maxEntryBytes()) {
      return CompletableFuture.completedFuture(ProposeOutcome.of(ProposeOutcome.Kind.FAILED,
          "block entry of " + entry.length + " bytes exceeds " + config.limits().maxEntryBytes()));
    }
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(proposerId)
        .setLeaderId(selfId)
        .setGroupId(group.getGroupId())
        .setCallId(proposeCallIds.incrementAndGet()) // unique per client id: it keys the retry cache
        .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)))
        .setType(RaftClientRequest.writeRequestType())
        .build();
    CompletableFuture<RaftClientReply> reply;
    try {
      reply = server.submitClientRequestAsync(request);
    } catch (IOException e) {
      return CompletableFuture.completedFuture(ProposeOutcome.of(ProposeOutcome.Kind.FAILED, e.toString()));
    }
    return reply
        .orTimeout(config.timeouts().propose().toMillis(), TimeUnit.MILLISECONDS)
        .handle(RaftNode::toProposeOutcome);
  }

  private static ProposeOutcome toProposeOutcome(RaftClientReply reply, Throwable error) {
    if (error != null) {
      Throwable cause = unwrap(error);
      if (cause instanceof TimeoutException) {
        return ProposeOutcome.of(ProposeOutcome.Kind.FAILED, "timed out; the entry may still commit");
      }
      return isNotLeader(cause)
          ? ProposeOutcome.of(ProposeOutcome.Kind.NOT_LEADER, cause.toString())
          : ProposeOutcome.of(ProposeOutcome.Kind.FAILED, cause.toString());
    }
    if (!reply.isSuccess()) {
      RaftException e = reply.getException();
      return isNotLeader(e)
          ? ProposeOutcome.of(ProposeOutcome.Kind.NOT_LEADER, String.valueOf(e))
          : ProposeOutcome.of(ProposeOutcome.Kind.FAILED, String.valueOf(e));
    }
    ApplyReply applied;
    try {
      applied = ApplyReply.decode(reply.getMessage().getContent().toByteArray());
    } catch (IllegalArgumentException e) {
      return ProposeOutcome.of(ProposeOutcome.Kind.FAILED, "unreadable apply reply: " + e.getMessage());
    }
    ProposeOutcome.Kind kind = switch (applied.outcome()) {
      case BLOCK_APPLIED -> ProposeOutcome.Kind.APPLIED;
      case BLOCK_REJECTED_STALE -> ProposeOutcome.Kind.REJECTED_STALE;
      case BLOCK_INVALID -> ProposeOutcome.Kind.REJECTED_INVALID;
      default -> ProposeOutcome.Kind.FAILED;
    };
    return new ProposeOutcome(kind, applied.reason(), reply.getLogIndex());
  }

  private static boolean isNotLeader(Throwable e) {
    return e instanceof NotLeaderException || e instanceof LeaderNotReadyException
        || e instanceof LeaderSteppingDownException || e instanceof TransferLeadershipException;
  }

  /**
   * Replicates a batch of raw transactions through the Raft client, which finds the leader from any
   * node and retries across a failover for {@link RaftNodeConfig.Timeouts#clientRetryWindow()}.
   * Completes only after the batch has committed and been applied on the leader. A failure does not
   * prove the batch was not committed (it may commit late); it means it was not acknowledged.
   */
  public CompletableFuture<Void> submitTransactions(List<byte[]> rawTxs) {
    if (state.get() != State.RUNNING) {
      return CompletableFuture.failedFuture(new IllegalStateException(nodeName + " is not running"));
    }
    byte[] entry;
    try {
      entry = EntryCodec.encodeTxBatch(rawTxs);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (entry.length > config.limits().maxEntryBytes()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "batch entry of " + entry.length + " bytes exceeds " + config.limits().maxEntryBytes()));
    }
    return client.async().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry))).thenApply(reply -> {
      if (!reply.isSuccess()) {
        throw new CompletionException(new IOException("transaction batch failed: " + reply.getException()));
      }
      ApplyReply applied = ApplyReply.decode(reply.getMessage().getContent().toByteArray());
      if (applied.outcome() != ApplyReply.Outcome.TXS_ACCEPTED) {
        throw new CompletionException(new IOException("transaction batch not accepted: " + applied));
      }
      return null;
    });
  }

  /** Queues one raw transaction for the next batch; completes when its batch has committed. */
  public CompletableFuture<Void> submitTransaction(byte[] rawTx) {
    if (state.get() != State.RUNNING) {
      return CompletableFuture.failedFuture(new IllegalStateException(nodeName + " is not running"));
    }
    return batcher.submit(rawTx);
  }

  /** This node's view of the group; never throws (a closed or halted node reports "Shutdown"). */
  public RaftStatus status() {
    List<RaftStatus.PeerStatus> configured = config.peers().stream()
        .map(p -> new RaftStatus.PeerStatus(p.nodeId(), p.address())).toList();
    RaftServer s = server;
    if (state.get() != State.RUNNING || s == null || s.getLifeCycleState().isClosingOrClosed()) {
      return new RaftStatus(config.localNodeId(), "Shutdown", false, null, -1, -1, -1, -1, configured);
    }
    try {
      RaftServer.Division d = s.getDivision(group.getGroupId());
      DivisionInfo info = d.getInfo();
      if (!info.isAlive()) {
        return new RaftStatus(config.localNodeId(), "Shutdown", false, null, -1, -1, -1, -1, configured);
      }
      RaftPeerId leader = info.getLeaderId();
      RaftLog log = d.getRaftLog();
      List<RaftStatus.PeerStatus> peers = d.getRaftConf().getCurrentPeers().stream()
          .map(p -> new RaftStatus.PeerStatus(NodeIds.fromPeerId(p.getId().toString()), p.getAddress()))
          .toList();
      return new RaftStatus(
          config.localNodeId(),
          roleName(info.getCurrentRole()),
          leadership.producingTerm().isPresent(),
          leader == null ? null : NodeIds.fromPeerId(leader.toString()),
          info.getCurrentTerm(),
          info.getLastAppliedIndex(),
          log.getLastCommittedIndex(),
          log.getStartIndex(),
          peers);
    } catch (IOException | RuntimeException e) {
      LOG.debug("{}: status unavailable", nodeName, e);
      return new RaftStatus(config.localNodeId(), "Shutdown", false, null, -1, -1, -1, -1, configured);
    }
  }

  static String roleName(RaftPeerRole role) {
    return switch (role) {
      case LEADER -> "Leader";
      case FOLLOWER -> "Follower";
      case CANDIDATE -> "Candidate";
      case LISTENER -> "Listener";
      default -> "Shutdown";
    };
  }

  /**
   * Asks the current leader to hand leadership to {@code nodeId} and waits until it has (admin and
   * tests). Fails if the target is unknown or the transfer did not happen within the timeout.
   */
  public void transferLeadership(String nodeId, Duration timeout) throws IOException {
    if (state.get() != State.RUNNING) {
      throw new IllegalStateException(nodeName + " is not running");
    }
    RaftPeerId target = RaftPeerId.valueOf(NodeIds.peerId(nodeId));
    if (group.getPeer(target) == null) {
      throw new IllegalArgumentException("not a member of the group: " + nodeId);
    }
    RaftClientReply reply = client.admin().transferLeadership(target, timeout.toMillis());
    if (!reply.isSuccess()) {
      throw new IOException("leadership transfer to " + nodeId + " failed: " + reply.getException());
    }
  }

  /**
   * Stops the batcher (queued transactions fail), then the server (first, so a leader stops
   * heartbeating at once and the others elect a successor), then the client. Idempotent.
   */
  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    if (previous == State.CLOSED) {
      return;
    }
    leadership.onClosed();
    closeQuietly(batcher);
    closeQuietly(server);
    closeQuietly(client);
    notifier.shutdown();
    try {
      notifier.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("{}: closed", nodeName);
  }

  private void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("{}: closing {} failed", nodeName, c.getClass().getSimpleName(), e);
    }
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Our division, found through the server the state machine was initialized with (leader events can
   * arrive before {@link RaftServer#start()} returns).
   */
  private RaftServer.Division division() {
    RaftServer s = stateMachine.getServer().getNow(null);
    if (s == null) {
      throw new IllegalStateException(nodeName + ": Raft server not initialized");
    }
    try {
      return s.getDivision(group.getGroupId());
    } catch (IOException e) {
      throw new IllegalStateException(nodeName + ": Raft group not available", e);
    }
  }

  /** The live Raft view the leadership tracker checks against. */
  private record DivisionView(java.util.function.Supplier<RaftServer.Division> division)
      implements LeadershipTracker.RaftView {
    @Override
    public boolean isLeader() {
      return division.get().getInfo().isLeader();
    }

    @Override
    public boolean isLeaderReady() {
      return division.get().getInfo().isLeaderReady();
    }

    @Override
    public long currentTerm() {
      return division.get().getInfo().getCurrentTerm();
    }
  }

  @Override
  public String toString() {
    OptionalLong term = leadership.producingTerm();
    return nodeName + (term.isPresent() ? "(producing in term " + term.getAsLong() + ")" : "");
  }
}
