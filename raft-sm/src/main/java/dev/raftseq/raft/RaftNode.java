package dev.raftseq.raft;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.producer.consensus.CommittedEntries;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.consensus.EntryResultCodec;
import dev.raftseq.producer.consensus.Sequencing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
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
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.protocol.exceptions.TransferLeadershipException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consensus node's membership in the Raft group, and the Ratis implementation of the sequencer
 * core's {@link Sequencing} port: a Ratis server running the {@link LogStateMachine}, plus a Raft
 * client for entries submitted through a follower. No Ratis type appears in this class's public API.
 *
 * <p>With {@link RaftNodeConfig#withTls} (what the node always uses) every Raft connection, in and
 * out, is mutual TLS between members of the live configuration, each proving its node id by a TLS
 * certificate endorsed by its node key, and Ratis's admin service is not served over the network
 * ({@link RaftTransport}).
 *
 * <p>Lifecycle: {@link #start(CommittedEntries)} once, {@link #close()} once. A closed node cannot
 * be restarted; build a new one over the same storage directory.
 */
public final class RaftNode implements Sequencing {
  private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

  private enum State { NEW, RUNNING, CLOSED }

  /** A node campaigns on a refused probe against the same leader at most this often (see {@link DeadLeaderWatch}). */
  private static final Duration DEAD_LEADER_HOLD_OFF = Duration.ofSeconds(10);

  private final RaftNodeConfig config;
  private final String nodeName;
  private final RaftGroup group;
  private final RaftPeerId selfId;
  /** Client id of entries this node appends to its own division; call ids are unique per client id. */
  private final ClientId localClientId = ClientId.randomId();
  private final AtomicLong localCallIds = new AtomicLong();
  private final Optional<SnapshotFetcher> fetcher;
  private final ExecutorService notifier;
  /** Closes replaced Raft clients: closing waits seconds for each gRPC channel to drain. */
  private final ExecutorService retiredClients;
  private final LeadershipTracker leadership;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final CompletableFuture<Throwable> halted = new CompletableFuture<>();
  private final AtomicLong leaderChanges = new AtomicLong();
  private final AtomicLong clientRenewals = new AtomicLong();
  private final List<Consumer<Optional<String>>> leaderListeners = new CopyOnWriteArrayList<>();
  private final RaftAdmin admin;
  /** Peers this leader is adding (peer id to address): they must connect before they are members. */
  private final Map<String, String> admitting = new ConcurrentHashMap<>();
  private final RefusalLog refusals;
  private final RaftTransport transport;
  private volatile LogStateMachine stateMachine;
  private volatile DeadLeaderWatch deadLeaderWatch;
  private volatile ScheduledExecutorService deadLeaderPoller;
  private volatile RaftServer server;
  private volatile RaftClient client;

  public RaftNode(RaftNodeConfig config, Optional<SnapshotFetcher> fetcher) {
    this.config = Objects.requireNonNull(config, "config");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.selfId = RaftPeerId.valueOf(NodeIds.peerId(config.localNodeId()));
    this.nodeName = "raft[" + config.localNodeId().substring(0, 10) + "]";
    this.group = RaftGroup.valueOf(groupId(config.chainId(), config.genesisHash()), config.peers().stream()
        .map(p -> RaftPeer.newBuilder().setId(NodeIds.peerId(p.nodeId())).setAddress(p.address()).build())
        .toList());
    this.notifier = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, nodeName + "-leadership");
      t.setDaemon(true);
      return t;
    });
    this.retiredClients = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, nodeName + "-client-closer");
      t.setDaemon(true);
      return t;
    });
    this.leadership = new LeadershipTracker(nodeName, notifier, new DivisionView(this::division));
    this.admin = new LocalRaftAdmin(nodeName, selfId, group.getGroupId(), () -> server, this::division,
        config.timeouts().electionMax(), admitting);
    this.refusals = new RefusalLog(nodeName, InstantSource.system());
    this.transport = config.tlsNodeKey() == null
        ? RaftTransport.plaintext(nodeName, refusals)
        : RaftTransport.mutualTls(nodeName,
            TlsIdentity.create(config.tlsNodeKey(), config.chainId(), config.genesisHash(), InstantSource.system().instant()),
            new PeerTrustManager(config.chainId(), config.genesisHash(), this::admittedPeers, refusals),
            refusals, this::admittedPeers);
  }

  /**
   * The peers (id to Raft address) allowed to connect to this node and to be connected to, now: the
   * live Raft configuration (current and, during a change, previous members, listeners included) plus
   * the peers this node, as leader, is adding. Before this node has a configuration (a new member
   * waiting to be added, or before its server started) the configured peers stand in for it, so a
   * new member accepts the leader that adds it.
   */
  Map<String, String> admittedPeers() {
    Map<String, String> out = new HashMap<>(admitting);
    boolean live = false;
    try {
      org.apache.ratis.server.RaftConfiguration conf = division().getRaftConf();
      for (RaftPeerRole role : List.of(RaftPeerRole.FOLLOWER, RaftPeerRole.LISTENER)) {
        for (RaftPeer p : conf.getAllPeers(role)) {
          out.put(p.getId().toString(), p.getAddress());
          live = true;
        }
      }
    } catch (RuntimeException e) {
      // no division yet: the configured peers below
    }
    if (!live) {
      for (RaftNodeConfig.Peer p : config.peers()) {
        out.put(NodeIds.peerId(p.nodeId()), p.address());
      }
    }
    return out;
  }

  /** How many Raft connections and calls this node refused (not a member, no certificate, admin calls). */
  public long refusedConnections() {
    return refusals.count();
  }

  /**
   * The group id every node derives from the chain id and the genesis hash: the same on every node of
   * one chain, forever, and different for a node started with another genesis, which therefore can
   * neither join nor disturb the group.
   */
  static RaftGroupId groupId(long chainId, Hash genesisHash) {
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(
        ("raftseq-group:" + chainId + ":" + genesisHash.toHex()).getBytes(StandardCharsets.UTF_8)));
  }

  /** The group id of versions that derived it from the chain id alone. */
  static RaftGroupId legacyGroupId(long chainId) {
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(
        ("raftseq-group:" + chainId).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Starts the Raft server and client; committed entries go to {@code entries}.
   *
   * <p>With existing storage for the group, the node recovers it (log, term, vote, membership) and
   * {@code bootstrap} is ignored. Without storage it formats a new one whose initial membership is
   * the configured peer list. That is safe on every node of a new cluster, since all format the
   * identical membership (bootstrap=true). With bootstrap=false the node initializes no membership:
   * it starts with an empty log and no configuration and waits for a leader to replicate the log to
   * it, which happens once a member adds it ({@link RaftAdmin#addMember}) or, for a member whose
   * storage was lost, at once (when the log is purged, {@link SnapshotFetcher} is asked to catch up).
   * Its Raft client still knows the configured peers, to route transactions to the leader.
   * Storage made under the group id of earlier versions (chain id only) is taken over once the
   * caller has checked the database's genesis; storage of any other group is refused.
   */
  @Override
  public void start(CommittedEntries entries) throws IOException {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException(nodeName + " was already started");
    }
    stateMachine = new LogStateMachine(nodeName, Objects.requireNonNull(entries, "entries"), fetcher, leadership,
        config.limits().maxEntryBytes(), this::onLeaderChanged);
    stateMachine.halted().thenAccept(halted::complete);
    try {
      boolean existing = prepareStorage();
      if (existing) {
        LOG.info("{}: recovering Raft storage in {} (group {})", nodeName, config.storageDir(), group.getGroupId());
      } else if (config.bootstrap()) {
        LOG.info("{}: bootstrapping a new Raft group {} (chain {}, genesis {}) with {} peers", nodeName,
            group.getGroupId(), config.chainId(), config.genesisHash(), group.getPeers().size());
      } else {
        LOG.warn("{}: no Raft storage in {} and bootstrap=false: waiting, with an empty log and no"
            + " membership, for the leader of group {} to replicate the log (add this node with POST"
            + " /admin/members on the leader if it is not a member yet)", nodeName, config.storageDir(),
            group.getGroupId());
      }
      server = RaftServer.newBuilder()
          .setServerId(selfId)
          .setGroup(existing || config.bootstrap() ? group : RaftGroup.valueOf(group.getGroupId()))
          .setProperties(RaftPropertiesFactory.server(config))
          .setStateMachine(stateMachine)
          .setParameters(transport.serverParameters())
          .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
          .build();
      server.start();
      stateMachine.watchForUnexpectedClose();
      if (config.timeouts().deadLeaderProbe()) {
        startDeadLeaderWatch();
      }
      client = newClient();
    } catch (IOException | RuntimeException e) {
      LOG.error("{}: failed to start", nodeName, e);
      close();
      throw e;
    }
    if (transport.isTls()) {
      LOG.info("{}: Raft server started on {} (mutual TLS; members only)", nodeName, config.localPeer().address());
    } else {
      LOG.warn("{}: Raft server started on {} WITHOUT TLS: consensus traffic is plaintext and unauthenticated",
          nodeName, config.localPeer().address());
    }
  }

  /** Polls {@link DeadLeaderWatch} every 20 ms on its own thread (a probe blocks up to its connect timeout). */
  private void startDeadLeaderWatch() {
    Duration after = config.timeouts().deadLeaderProbeAfter();
    DeadLeaderWatch watch = new DeadLeaderWatch(nodeName,
        new RatisLeaderProbe(this::division, (int) Math.max(50, after.toMillis() / 2)), InstantSource.system(),
        after, DEAD_LEADER_HOLD_OFF);
    var poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, nodeName + "-dead-leader-watch");
      t.setDaemon(true);
      return t;
    });
    poller.scheduleWithFixedDelay(() -> {
      try {
        watch.poll();
      } catch (RuntimeException e) { // the division closing under us; the next poll sees it
        LOG.debug("{}: dead-leader watch: {}", nodeName, e.toString());
      }
    }, 20, 20, TimeUnit.MILLISECONDS);
    deadLeaderWatch = watch;
    deadLeaderPoller = poller;
  }

  /** Elections this node started at once because its leader's Raft port refused connections. */
  public long deadLeaderCampaigns() {
    DeadLeaderWatch w = deadLeaderWatch;
    return w == null ? 0 : w.campaigns();
  }

  /**
   * Whether storage for this group exists, after taking over a legacy group directory; refuses a
   * storage directory that holds another group (another chain id or genesis).
   */
  private boolean prepareStorage() throws IOException {
    Path dir = config.storageDir();
    Path ours = dir.resolve(group.getGroupId().getUuid().toString());
    if (Files.isDirectory(ours)) {
      return true;
    }
    Path legacy = dir.resolve(legacyGroupId(config.chainId()).getUuid().toString());
    if (Files.isDirectory(legacy)) {
      Files.move(legacy, ours);
      LOG.warn("{}: migrated Raft storage of group {} (chain id only) to group {} (chain {} and genesis {})",
          nodeName, legacy.getFileName(), group.getGroupId(), config.chainId(), config.genesisHash());
      return true;
    }
    if (Files.isDirectory(dir)) {
      try (var entries = Files.list(dir)) {
        for (Path p : entries.toList()) {
          if (Files.isDirectory(p) && isUuid(p.getFileName().toString())) {
            throw new IOException("Raft storage " + dir + " holds group " + p.getFileName() + ", not group "
                + group.getGroupId() + " of chain " + config.chainId() + " with genesis " + config.genesisHash()
                + ": this storage belongs to another chain or genesis. Use the genesis it was made with, or"
                + " move the directory away to join this group afresh.");
          }
        }
      }
    }
    return false;
  }

  private static boolean isUuid(String name) {
    try {
      UUID.fromString(name);
      return name.length() == 36;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Leadership transfer, membership, snapshots and election pause, as in-process calls (admin API). */
  public RaftAdmin admin() {
    return admin;
  }

  /** How many times this node has learned of a new leader since it started. */
  public long leaderChanges() {
    return leaderChanges.get();
  }

  /** Calls {@code listener} (on a Raft thread; it must return quickly) with each new leader, or empty for none. */
  public void onLeaderChange(Consumer<Optional<String>> listener) {
    leaderListeners.add(Objects.requireNonNull(listener));
  }

  private void onLeaderChanged(Optional<String> leader) {
    if (leader.isPresent()) {
      leaderChanges.incrementAndGet();
    }
    long term;
    try {
      term = division().getInfo().getCurrentTerm();
    } catch (RuntimeException e) {
      term = -1;
    }
    LOG.info("{}: leader is now {} (term {})", nodeName,
        leader.map(l -> l.equals(config.localNodeId()) ? "this node " + l.substring(0, 10) : l.substring(0, 10))
            .orElse("unknown"), term);
    for (Consumer<Optional<String>> l : leaderListeners) {
      try {
        l.accept(leader);
      } catch (RuntimeException e) {
        LOG.warn("{}: leader listener failed", nodeName, e);
      }
    }
  }

  /** The producing term, fenced per term (see {@link LeadershipState}). */
  public LeadershipState leadership() {
    return leadership;
  }

  @Override
  public OptionalLong producingTerm() {
    return leadership.producingTerm();
  }

  @Override
  public void onProducingTermChange(Runnable listener) {
    leadership.addListener(term -> listener.run());
  }

  /**
   * Completes with the cause if the state machine halted this node's Raft server because applying an
   * entry failed here. The node then takes no part in consensus; the wiring should report unhealthy
   * and exit for an operator to inspect.
   */
  @Override
  public CompletableFuture<Throwable> halted() {
    return halted;
  }

  /**
   * Appends an entry straight to the local Raft server: no retry and no redirect, so a node that is
   * not the ready leader learns it at once ({@link EntryResult.NotLeader}). Completes with this node's
   * apply result once committed and applied here.
   */
  @Override
  public CompletableFuture<EntryResult> propose(byte[] entry) {
    Optional<EntryResult> refused = refuse(entry);
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused.get());
    }
    return appendLocally(entry);
  }

  /**
   * Appends an entry through the leader. On the producing leader itself the entry goes straight to the
   * local server (no client round trip); elsewhere, or if this node just lost leadership, the Raft
   * client finds the leader and retries across a failover for
   * {@link RaftNodeConfig.Timeouts#clientRetryWindow()} (the servers' retry cache deduplicates retries).
   * A {@link EntryResult.Failed} result does not prove the entry was not committed.
   */
  @Override
  public CompletableFuture<EntryResult> replicate(byte[] entry) {
    Optional<EntryResult> refused = refuse(entry);
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(refused.get());
    }
    if (leadership.producingTerm().isPresent()) {
      return appendLocally(entry).thenCompose(r -> r instanceof EntryResult.NotLeader
          ? throughClient(entry) : CompletableFuture.completedFuture(r));
    }
    return throughClient(entry);
  }

  private Optional<EntryResult> refuse(byte[] entry) {
    if (state.get() != State.RUNNING) {
      return Optional.of(new EntryResult.NotLeader(nodeName + " is not running"));
    }
    if (entry.length > config.limits().maxEntryBytes()) {
      return Optional.of(new EntryResult.Rejected(
          "entry of " + entry.length + " bytes exceeds " + config.limits().maxEntryBytes()));
    }
    return Optional.empty();
  }

  private CompletableFuture<EntryResult> appendLocally(byte[] entry) {
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(localClientId)
        .setLeaderId(selfId)
        .setGroupId(group.getGroupId())
        .setCallId(localCallIds.incrementAndGet()) // unique per client id: it keys the retry cache
        .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)))
        .setType(RaftClientRequest.writeRequestType())
        .build();
    CompletableFuture<RaftClientReply> reply;
    try {
      reply = server.submitClientRequestAsync(request);
    } catch (IOException e) {
      return CompletableFuture.completedFuture(new EntryResult.Failed(e.toString()));
    }
    return reply
        .orTimeout(config.timeouts().propose().toMillis(), TimeUnit.MILLISECONDS)
        .handle(RaftNode::toResult);
  }

  private CompletableFuture<EntryResult> throughClient(byte[] entry) {
    RaftClient c = client;
    try {
      return c.async().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)))
          .handle((reply, error) -> {
            if (error != null && isClientGivenUp(unwrap(error))) {
              renewClient(c, unwrap(error));
            }
            return toResult(reply, error);
          });
    } catch (RuntimeException e) {
      if (isClientGivenUp(unwrap(e))) {
        renewClient(c, unwrap(e));
      }
      return CompletableFuture.completedFuture(new EntryResult.Failed(e.toString()));
    }
  }

  private RaftClient newClient() {
    RaftClient.Builder b = RaftClient.newBuilder()
        .setProperties(RaftPropertiesFactory.client(config))
        .setRaftGroup(group)
        .setParameters(transport.clientParameters())
        .setRetryPolicy(RaftPropertiesFactory.clientRetryPolicy(config));
    knownLeader().ifPresent(b::setLeaderId);
    return b.build();
  }

  /**
   * The leader this node's server follows, if it is one of the group's peers. A new client starts
   * there rather than at the group's first peer: every hop costs a fresh TLS connection, and a renewed
   * client is exactly one that has been short of time.
   */
  private Optional<RaftPeerId> knownLeader() {
    try {
      RaftPeerId leader = division().getInfo().getLeaderId();
      return Optional.ofNullable(leader).filter(l -> group.getPeer(l) != null);
    } catch (RuntimeException e) {
      return Optional.empty(); // no division yet
    }
  }

  /**
   * Whether the client is done for. Once a request exhausts its retry window (no leader answered in
   * time, e.g. no majority for longer than the window), Ratis fails it with
   * {@link RaftRetryFailureException}, fails every other pending request of the client and closes the
   * client's ordered window for good; requests sent on it afterwards fail at once with
   * {@link AlreadyClosedException}. Either one means this node could never forward again with it.
   */
  private static boolean isClientGivenUp(Throwable e) {
    return e instanceof RaftRetryFailureException || e instanceof AlreadyClosedException;
  }

  /**
   * The one place the Raft client is replaced: when it gave up (the failed requests' outcome is
   * unknown, as their callers were told), once per client: the first failure seen on it renews it,
   * later ones find it already replaced. The old client is closed on a thread of its own, since
   * closing waits for each gRPC channel to drain (up to 5 s each) and this runs on a Ratis timer or
   * gRPC thread (shared by every client and server timeout of this JVM), which must not block; nor
   * may the leadership notifier wait behind it.
   */
  private void renewClient(RaftClient failed, Throwable cause) {
    synchronized (this) {
      if (client != failed || state.get() != State.RUNNING) {
        return;
      }
      client = newClient();
      clientRenewals.incrementAndGet();
    }
    LOG.warn("{}: the Raft client gave up ({}); replaced it with a new one", nodeName, cause.getClass().getSimpleName());
    try {
      retiredClients.execute(() -> closeQuietly(failed));
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      closeQuietly(failed); // this node is closing
    }
  }

  /** How many times the Raft client gave up and was replaced (tests). */
  long clientRenewals() {
    return clientRenewals.get();
  }

  private static EntryResult toResult(RaftClientReply reply, Throwable error) {
    if (error != null) {
      Throwable cause = unwrap(error);
      if (cause instanceof TimeoutException) {
        return new EntryResult.Failed("timed out; the entry may still commit");
      }
      return isNotLeader(cause) ? new EntryResult.NotLeader(cause.toString()) : new EntryResult.Failed(cause.toString());
    }
    if (!reply.isSuccess()) {
      RaftException e = reply.getException();
      if (e instanceof StateMachineException) {
        return new EntryResult.Rejected(String.valueOf(e.getMessage()));
      }
      return isNotLeader(e) ? new EntryResult.NotLeader(String.valueOf(e)) : new EntryResult.Failed(String.valueOf(e));
    }
    try {
      return EntryResultCodec.decode(reply.getMessage().getContent().toByteArray());
    } catch (DecodeException e) {
      return new EntryResult.Failed("unreadable apply result: " + e.getMessage());
    }
  }

  private static boolean isNotLeader(Throwable e) {
    return e instanceof NotLeaderException || e instanceof LeaderNotReadyException
        || e instanceof LeaderSteppingDownException || e instanceof TransferLeadershipException;
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
   * Hands this leader's leadership to {@code nodeId} and waits until it has (tests; the admin API uses
   * {@link #admin()}). Fails if this node does not lead, the target is unknown, or the transfer did not
   * happen within the timeout.
   */
  public void transferLeadership(String nodeId, Duration timeout) throws IOException {
    if (state.get() != State.RUNNING) {
      throw new IllegalStateException(nodeName + " is not running");
    }
    try {
      admin.transferLeadership(nodeId, timeout);
    } catch (RaftAdmin.AdminException e) {
      if (e.kind() == RaftAdmin.Kind.INVALID) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      throw new IOException("leadership transfer to " + nodeId + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Stops the server (first, so a leader stops heartbeating at once and the others elect a
   * successor), then the client. Idempotent.
   */
  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    if (previous == State.CLOSED) {
      return;
    }
    leadership.onClosed();
    var poller = deadLeaderPoller;
    if (poller != null) {
      poller.shutdownNow();
    }
    LogStateMachine sm = stateMachine;
    if (sm != null) {
      sm.expectClose();
    }
    closeQuietly(server);
    RaftClient c;
    synchronized (this) { // after a concurrent renewal, the new client
      c = client;
    }
    closeQuietly(c);
    notifier.shutdown();
    retiredClients.shutdown();
    try {
      notifier.awaitTermination(5, TimeUnit.SECONDS);
      retiredClients.awaitTermination(5, TimeUnit.SECONDS);
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
    LogStateMachine sm = stateMachine;
    RaftServer s = sm == null ? null : sm.getServer().getNow(null);
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
