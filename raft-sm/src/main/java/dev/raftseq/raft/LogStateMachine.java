package dev.raftseq.raft;

import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.producer.consensus.CommittedEntries;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.consensus.EntryResultCodec;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.AtomicFileOutputStream;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.apache.ratis.util.SizeInBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of a consensus node. It owns no chain state and does not know what an
 * entry means: each committed entry is handed, as bytes, to the sequencer core's
 * {@link CommittedEntries}, which persists its effects together with the entry's (term, index) in
 * RocksDB and returns the result that travels back to the submitter.
 *
 * <p><b>Applied index, durability and snapshots.</b> The applied index lives in RocksDB, written with
 * each entry's effects but not synced: the Raft log is the write-ahead log. A Ratis "snapshot" here is
 * a marker file ({@code snapshot.<term>_<index>} + MD5) naming an applied index that is durable,
 * written only after {@link CommittedEntries#makeDurable()} synced the database, so Ratis may purge the
 * log up to it and a crash replays everything after it. On start the marker is moved forward to the
 * database's applied index before Ratis opens its log, so Ratis resumes applying exactly after it and
 * nothing is applied twice; before that, the database's applied entry is looked up in the log on disk.
 * The server refuses to start rather than diverge when the marker is ahead of the database (it lost
 * entries the log may no longer hold) or the log does not hold the database's applied entry with the
 * same term (a database of another cluster or history).
 *
 * <p><b>Membership.</b> Ratis applies configuration entries in log order on the same thread; each is
 * handed to the core ({@link CommittedEntries#membershipChanged}), which records the members with the
 * entry's index, so the keys allowed to seal a block are those of the configuration in force at that
 * block's position in the log, on every node.
 *
 * <p><b>Failures.</b> Malformed entries and refused blocks are values the core returns, the same on
 * every node. An exception from the core means this node cannot reach the others' result; it is
 * rethrown, which makes Ratis close the server: halt instead of fork.
 */
final class LogStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(LogStateMachine.class);

  private final String nodeName;
  private final CommittedEntries applier;
  private final Optional<SnapshotFetcher> fetcher;
  private final LeadershipTracker leadership;
  private final int maxEntryBytes;
  private final Consumer<Optional<String>> leaderObserver;
  private final CompletableFuture<Throwable> halted = new CompletableFuture<>();
  /**
   * Completed once Ratis reloaded this state machine after the position block sync last reached (or
   * applies entries again). The next round of block sync waits for it: a round that finishes while
   * Ratis's reload of the previous one is still running makes Ratis reload twice or lose a reload, and
   * its apply thread then closes the server.
   */
  private volatile CompletableFuture<Void> reloaded = CompletableFuture.completedFuture(null);
  /**
   * True from a successful start until {@link RaftNode#close()}: a close of the server meanwhile is
   * the server giving up.
   */
  private volatile boolean closeIsUnexpected;
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  /** Configuration entries notified and not yet applied, by index (see {@link #notifyConfigurationChanged}). */
  private final java.util.concurrent.ConcurrentSkipListMap<Long, PendingConfiguration> pendingConfigurations =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  private RaftStorage raftStorage;
  private SizeInBytes maxEntrySize;
  private volatile RaftServer raftServer;
  private volatile LogLookup logLookup;
  /** The entry the head block was applied from, while this process applied it; null otherwise. */
  private volatile TermIndex headSource;

  /**
   * The highest index handed to the core so far (being applied or applied). Raft never takes back a
   * committed entry, and this node applies only committed ones, so a truncation at or below it means
   * this node applied an entry the group did not commit: its database forked.
   */
  private volatile long reached = RaftLog.INVALID_LOG_INDEX;

  /** The last state-machine entry whose effects the core wrote (not necessarily synced); null for an empty database. */
  private volatile TermIndex lastDurable;

  /**
   * @param leaderObserver told (on a Raft thread) of every leader change this node learns of: the new
   *     leader's node id, or empty when none is known
   */
  LogStateMachine(String nodeName, CommittedEntries applier, Optional<SnapshotFetcher> fetcher,
      LeadershipTracker leadership, int maxEntryBytes, Consumer<Optional<String>> leaderObserver) {
    this.leaderObserver = leaderObserver;
    this.nodeName = nodeName;
    this.applier = applier;
    this.fetcher = fetcher;
    this.leadership = leadership;
    this.maxEntryBytes = maxEntryBytes;
  }

  /** Completes with the cause when this state machine halted the server. */
  CompletableFuture<Throwable> halted() {
    return halted;
  }

  // ---- lifecycle -------------------------------------------------------------------------

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    getLifeCycle().startAndTransition(() -> {
      super.initialize(server, groupId, raftStorage);
      storage.init(raftStorage);
      this.raftStorage = raftStorage;
      this.raftServer = server;
      this.maxEntrySize = RaftServerConfigKeys.Log.Appender.bufferByteLimit(server.getProperties());
      loadDurablePoint(true);
    });
  }

  /** Ratis pauses before installing a snapshot; {@link #reinitialize()} must find us PAUSED. */
  @Override
  public void pause() {
    LifeCycle lc = getLifeCycle();
    if (lc.getCurrentState() == LifeCycle.State.RUNNING) {
      lc.transition(LifeCycle.State.PAUSING);
      lc.transition(LifeCycle.State.PAUSED);
    }
  }

  @Override
  public void reinitialize() throws IOException {
    // after block sync: the database was brought forward past the log on purpose
    loadDurablePoint(false);
    LifeCycle lc = getLifeCycle();
    if (lc.getCurrentState() == LifeCycle.State.PAUSED) {
      lc.transition(LifeCycle.State.STARTING);
      lc.transition(LifeCycle.State.RUNNING);
    }
    reloaded.complete(null);
  }

  @Override
  public SimpleStateMachineStorage getStateMachineStorage() {
    return storage;
  }

  /**
   * Aligns the snapshot marker and the last applied index with what the database holds. At start the
   * database must belong to this log: a database behind the marker lost entries, and one whose
   * applied entry the log does not hold, or holds with another term, comes from another cluster or
   * another history. Each is refused before Ratis opens the log, never adopted.
   */
  private void loadDurablePoint(boolean checkAgainstLog) throws IOException {
    Optional<AppliedIndex> durable = applier.lastApplied();
    SingleFileSnapshotInfo marker = storage.loadLatestSnapshot();
    long markerIndex = marker == null ? RaftLog.INVALID_LOG_INDEX : marker.getIndex();
    long durableIndex = durable.map(AppliedIndex::index).orElse(RaftLog.INVALID_LOG_INDEX);
    if (markerIndex > durableIndex) {
      throw new IOException(nodeName + ": the chain database was applied "
          + (durable.isEmpty() ? "through no Raft entry" : "up to Raft index " + durableIndex)
          + " but the Raft snapshot marker says " + markerIndex + " was durable, so the log before it may be"
          + " purged. The database lost applied entries (deleted or restored from an older backup)."
          + " Restore it, or wipe this node's Raft storage and database and let it resync.");
    }
    if (durable.isEmpty()) {
      LOG.info("{}: empty chain database, applying the Raft log from the start", nodeName);
      return;
    }
    TermIndex ti = TermIndex.valueOf(durable.get().term(), durable.get().index());
    if (checkAgainstLog) {
      checkDatabaseBelongsToLog(ti, marker);
    }
    if (markerIndex < durableIndex) {
      applier.makeDurable();
      writeMarker(ti);
    }
    lastDurable = ti;
    reached = Math.max(reached, ti.getIndex());
    headSource = null; // the head may have come from block sync
    setLastAppliedTermIndex(ti);
    LOG.info("{}: chain database applied through {}; Raft resumes after it", nodeName, ti);
  }

  private void checkDatabaseBelongsToLog(TermIndex db, SingleFileSnapshotInfo marker) throws IOException {
    if (marker != null && marker.getIndex() == db.getIndex()) {
      if (marker.getTerm() != db.getTerm()) {
        throw notThisLog(db, "the Raft snapshot marker at that index has term " + marker.getTerm());
      }
      return;
    }
    RaftLogView log = RaftLogView.read(raftStorage, maxEntrySize, db.getIndex());
    if (db.getIndex() > log.lastIndex()) {
      throw notThisLog(db, log.lastIndex() < 0 ? "the Raft log is empty"
          : "the Raft log ends at index " + log.lastIndex());
    }
    if (log.termAtProbe().isEmpty()) {
      throw notThisLog(db, "the Raft log does not hold that index");
    }
    if (log.termAtProbe().getAsLong() != db.getTerm()) {
      throw notThisLog(db, "the Raft log has term " + log.termAtProbe().getAsLong() + " at that index");
    }
  }

  private IOException notThisLog(TermIndex db, String what) {
    return new IOException(nodeName + ": the chain database was applied through Raft entry " + db + " but "
        + what + ". The database does not belong to this node's Raft log (another cluster, another history,"
        + " or Raft storage lost or restored from another backup); it is not adopted. Put back the matching"
        + " Raft storage, or wipe this node's Raft storage and database and let it resync.");
  }

  // ---- leader side -------------------------------------------------------------------------

  /** Rejects malformed entries on the leader before they reach the log. */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    TransactionContext trx = super.startTransaction(request);
    ByteString content = request.getMessage().getContent();
    if (content.size() > maxEntryBytes) {
      trx.setException(new IllegalArgumentException(
          "entry of " + content.size() + " bytes exceeds the limit of " + maxEntryBytes));
      return trx;
    }
    applier.malformed(content.toByteArray())
        .ifPresent(why -> trx.setException(new IllegalArgumentException(why)));
    return trx;
  }

  // ---- apply ----------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    TermIndex ti = TermIndex.valueOf(entry);
    TermIndex durable = lastDurable;
    if (durable != null && ti.getIndex() <= durable.getIndex()) {
      // Not reached when the marker was aligned at start; kept as a guard against double apply.
      LOG.warn("{}: entry {} is at or below the durable index {}, skipped", nodeName, ti, durable);
      return reply(new EntryResult.Rejected("entry " + ti + " was applied already"));
    }
    reached = Math.max(reached, ti.getIndex());
    Optional<String> notInLog = notInLog(ti);
    if (notInLog.isPresent()) {
      throw halt(ti, new IllegalStateException(notInLog.get()));
    }
    AppliedIndex index = new AppliedIndex(ti.getTerm(), ti.getIndex());
    EntryResult result;
    try {
      result = applier.apply(index, entry.getStateMachineLogEntry().getLogData().toByteArray());
    } catch (RuntimeException | Error e) {
      throw halt(ti, e);
    }
    lastDurable = ti;
    updateLastAppliedTermIndex(ti);
    reloaded.complete(null); // applying from the log: no reload is pending
    if (result instanceof EntryResult.BlockApplied) {
      headSource = ti;
    } else if (result instanceof EntryResult.BlockStale stale) {
      Optional<String> diverged = headNotInLog(stale);
      if (diverged.isPresent()) {
        throw halt(ti, new IllegalStateException(diverged.get()));
      }
    }
    return reply(result);
  }

  /**
   * A committed block is stale here. That is normal after a leader change (a late proposal), unless
   * this node's head came from an entry the committed log does not hold: then every block the group
   * commits will be stale here, and the node would serve a forked chain forever.
   */
  private Optional<String> headNotInLog(EntryResult.BlockStale stale) {
    TermIndex source = headSource;
    LogLookup log = log();
    if (source == null || log == null) {
      return Optional.empty();
    }
    TermIndex held = log.termIndexAt(source.getIndex());
    if (source.equals(held) || source.getIndex() < log.startIndex()) { // start read last: purged meanwhile
      return Optional.empty();
    }
    return Optional.of("this node's head block was applied from Raft entry " + source + ", but the committed log holds "
        + (held == null ? "no entry" : held) + " at that index: the head diverged from the group's chain ("
        + stale.reason() + "). Wipe this node's database and Raft storage and let it resync.");
  }

  /**
   * Why the entry about to be applied is not the one the Raft log now holds at its index, if it is not.
   * Ratis 3.3 can raise a restarted follower's commit index into an uncommitted tail it is about to
   * replace (see {@link RaftPropertiesFactory}); the entry it then hands over was read before the tail
   * was truncated.
   */
  private Optional<String> notInLog(TermIndex ti) {
    LogLookup log = log();
    if (log == null) {
      return Optional.empty();
    }
    TermIndex held = log.termIndexAt(ti.getIndex());
    if (ti.equals(held) || ti.getIndex() < log.startIndex()) {
      return Optional.empty();
    }
    return Optional.of("Raft handed entry " + ti + " to apply, but the log holds "
        + (held == null ? "no entry" : held) + " at that index: it was never committed. Not applied.");
  }

  /** The Raft log as the apply checks read it. */
  interface LogLookup {
    /** The (term, index) the log holds at {@code index}; null if it holds none there. */
    TermIndex termIndexAt(long index);

    /** The first index not purged. */
    long startIndex();
  }

  /** Replaces the server's own log in the apply checks (tests without a Raft server). */
  void useLog(LogLookup lookup) {
    this.logLookup = lookup;
  }

  private LogLookup log() {
    LogLookup log = logLookup;
    RaftServer server = raftServer;
    if (log == null && server != null) {
      try {
        RaftLog raftLog = server.getDivision(getGroupId()).getRaftLog();
        log = new LogLookup() {
          @Override
          public TermIndex termIndexAt(long index) {
            return raftLog.getTermIndex(index);
          }

          @Override
          public long startIndex() {
            return raftLog.getStartIndex();
          }
        };
        logLookup = log;
      } catch (IOException | RuntimeException e) {
        return null; // not registered yet (initializing): nothing is applied before it is
      }
    }
    return log;
  }

  /**
   * Ratis removes the log from {@code index} on (inclusive) because a leader replaced that tail. An
   * entry at or below what this node applied was then applied without being committed: the database
   * holds a block or transactions the group does not have. Halt instead of serving that fork.
   */
  @Override
  public CompletableFuture<Void> truncate(long index) {
    long applied = reached;
    if (index <= applied) {
      TermIndex last = lastDurable;
      IllegalStateException e = new IllegalStateException("Raft truncates its log from index " + index
          + ", but this node already applied entries through index " + applied + (last == null ? "" : " (" + last + ")")
          + ": it applied an entry the group did not commit, so its chain database diverged from the group's."
          + " Wipe this node's database and Raft storage and let it resync.");
      halt(TermIndex.valueOf(last == null ? 0 : last.getTerm(), index), e);
    }
    return CompletableFuture.completedFuture(null);
  }

  private IllegalStateException halt(TermIndex ti, Throwable cause) {
    LOG.error("{}: HALTING: applying Raft entry {} failed on this node while the others apply it."
        + " Stopping this Raft server instead of forking; inspect the database and logs before restarting.",
        nodeName, ti, cause);
    leadership.onClosed();
    halted.complete(cause);
    return new IllegalStateException(nodeName + ": halted at Raft entry " + ti, cause);
  }

  private static CompletableFuture<Message> reply(EntryResult result) {
    return CompletableFuture.completedFuture(
        Message.valueOf(UnsafeByteOperations.unsafeWrap(EntryResultCodec.encode(result))));
  }

  /**
   * A configuration entry. Ratis calls this on the apply thread, in log order, right before
   * {@link #notifyTermIndexUpdated} for the same entry; it also calls it from a snapshot notification,
   * out of log order, with the leader's latest configuration. Only the first kind may count, so the
   * members are held here and handed to the core when the entry's index is applied.
   */
  @Override
  public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto conf) {
    Set<String> members = new TreeSet<>();
    for (RaftPeerProto p : conf.getPeersList()) {
      members.add(NodeIds.fromPeerId(p.getId().toStringUtf8()));
    }
    for (RaftPeerProto p : conf.getOldPeersList()) {
      members.add(NodeIds.fromPeerId(p.getId().toStringUtf8()));
    }
    pendingConfigurations.put(index, new PendingConfiguration(term, Set.copyOf(members)));
  }

  /**
   * The voting members (old and new during a joint configuration) of a configuration entry the apply
   * thread reached, recorded by the core with the entry's index. Entries the database already has are
   * skipped, as in {@link #applyTransaction}.
   */
  private void applyConfiguration(long term, long index) {
    pendingConfigurations.headMap(index).clear(); // out-of-order notifications that never applied
    PendingConfiguration conf = pendingConfigurations.remove(index);
    TermIndex durable = lastDurable;
    if (conf == null || conf.term() != term || (durable != null && index <= durable.getIndex())
        || index <= getLastAppliedTermIndex().getIndex()) {
      return;
    }
    TermIndex ti = TermIndex.valueOf(term, index);
    try {
      applier.membershipChanged(new AppliedIndex(term, index), conf.members());
    } catch (RuntimeException | Error e) {
      throw halt(ti, e);
    }
    lastDurable = ti;
  }

  private record PendingConfiguration(long term, Set<String> members) {}

  /**
   * Configuration and metadata entries, after Ratis applied them: a configuration entry's members are
   * recorded now; otherwise only the index moves (never backwards).
   */
  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    applyConfiguration(term, index);
    if (index > getLastAppliedTermIndex().getIndex()) {
      super.notifyTermIndexUpdated(term, index);
    }
  }

  // ---- snapshots --------------------------------------------------------------------------

  /**
   * Syncs the database, then records its applied index as the snapshot: Ratis may purge the log up
   * to it. Runs on the apply thread, so nothing is applied between the sync and the marker.
   */
  @Override
  public long takeSnapshot() throws IOException {
    TermIndex ti = lastDurable;
    if (ti == null) {
      return RaftLog.INVALID_LOG_INDEX;
    }
    SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
    if (latest == null || latest.getIndex() < ti.getIndex()) {
      applier.makeDurable();
      writeMarker(ti);
    }
    return ti.getIndex();
  }

  private void writeMarker(TermIndex ti) throws IOException {
    File file = storage.getSnapshotFile(ti.getTerm(), ti.getIndex());
    try (OutputStream out = new AtomicFileOutputStream(file)) {
      out.write((ti.getTerm() + " " + ti.getIndex() + "\n").getBytes(StandardCharsets.US_ASCII));
    }
    MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
    storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), ti));
    LOG.debug("{}: snapshot marker at {}", nodeName, ti);
  }

  /**
   * The leader no longer has the entries this follower needs. Catch up out of band (block sync) if a
   * fetcher is configured; otherwise this follower cannot progress, and the operator must act.
   */
  @Override
  public CompletableFuture<TermIndex> notifyInstallSnapshotFromLeader(RoleInfoProto roleInfo,
      TermIndex firstTermIndexInLog) {
    AppliedIndex first = new AppliedIndex(firstTermIndexInLog.getTerm(), firstTermIndexInLog.getIndex());
    TermIndex applied = lastDurable;
    long needed = applied == null ? RaftLog.LEAST_VALID_LOG_INDEX : applied.getIndex() + 1;
    if (first.index() <= needed) {
      // Ratis asks every joining member to install a snapshot first (notify mode); the leader's log still
      // holds everything this node needs, so answer "no snapshot" and let the leader send the log
      LOG.info("{}: the leader's log starts at {} and this node needs entries from {}: catching up from the"
          + " log, no snapshot needed", nodeName, first, needed);
      return CompletableFuture.completedFuture(null);
    }
    if (fetcher.isEmpty()) {
      LOG.error("{}: this follower is behind the leader's retained Raft log (leader's log starts at {}, this"
          + " node applied through {}). It needs block sync, which is not configured: it will not make"
          + " progress until its database is brought forward or it is resynced.",
          nodeName, first, lastDurable == null ? "nothing" : lastDurable);
      return new CompletableFuture<>();
    }
    LOG.warn("{}: behind the leader's retained log (starts at {}); catching up by block sync", nodeName, first);
    CompletableFuture<Void> previous = reloaded;
    if (!previous.isDone()) {
      LOG.info("{}: waiting for Ratis to reload the position the last block sync reached", nodeName);
    }
    return previous.thenCompose(v -> fetcher.get().catchUp(first)).thenApply(v -> {
      AppliedIndex now = applier.lastApplied().orElseThrow(
          () -> new IllegalStateException("block sync finished but the database is still empty"));
      if (now.index() < first.index() - 1) {
        throw new IllegalStateException("block sync reached " + now + ", short of the leader's log at " + first);
      }
      reloaded = new CompletableFuture<>(); // before Ratis sees the position: it reloads on its next notification
      LOG.info("{}: block sync reached {}", nodeName, now);
      return TermIndex.valueOf(now.term(), now.index());
    });
  }

  // ---- leadership events --------------------------------------------------------------------

  @Override
  public void notifyLeaderReady() {
    leadership.onLeaderReady();
  }

  @Override
  public void notifyNotLeader(Collection<TransactionContext> pendingEntries) {
    leadership.onNotLeader();
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId memberId, RaftPeerId newLeaderId) {
    leadership.onLeaderChanged(memberId.getPeerId().equals(newLeaderId));
    leaderObserver.accept(Optional.ofNullable(newLeaderId).map(id -> NodeIds.fromPeerId(id.toString())));
  }

  @Override
  public void notifyServerShutdown(RoleInfoProto roleInfo, boolean allServer) {
    leadership.onClosed();
  }

  @Override
  public void notifyFollowerSlowness(RoleInfoProto leaderInfo, RaftPeer slowFollower) {
    LOG.warn("{}: follower {} has not responded for longer than the slowness timeout", nodeName,
        slowFollower == null ? "?" : NodeIds.fromPeerId(slowFollower.getId().toString()));
  }

  @Override
  public void notifyExtendedNoLeader(RoleInfoProto roleInfo) {
    LOG.warn("{}: no Raft leader for an extended period", nodeName);
  }

  /** The server started; from now on only {@link #expectClose()} makes its close expected. */
  void watchForUnexpectedClose() {
    closeIsUnexpected = true;
  }

  /** The owner is closing the server; see {@link #close()}. */
  void expectClose() {
    closeIsUnexpected = false;
  }

  /**
   * Ratis closes the state machine when its server closes. Unless {@link RaftNode} asked for it, the
   * server gave up on its own (its apply thread caught an error, logged by Ratis before this): the node
   * can no longer follow the log, so it halts rather than serve reads as a zombie member.
   */
  @Override
  public void close() throws IOException {
    leadership.onClosed();
    if (closeIsUnexpected && !halted.isDone()) {
      LOG.error("{}: HALTING: the Raft server closed itself (see Ratis's error above); this node no longer"
          + " follows the log. Restart it: it resumes from its database and Raft storage.", nodeName);
      halted.complete(new IllegalStateException(nodeName + ": the Raft server closed itself"));
    }
    super.close();
  }
}
