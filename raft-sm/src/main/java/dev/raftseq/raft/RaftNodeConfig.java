package dev.raftseq.raft;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.producer.entry.EntryCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link RaftNode} needs. Build with {@link #of} and adjust with the {@code with*}
 * methods; the defaults are the tuned production values (see each nested record).
 *
 * @param localNodeId this node's id, "0x" + 128 hex digits (the 64-byte public key); must be in peers
 * @param chainId the L2 chain id; with the genesis hash it names the Raft group, so nodes of another
 *     chain or another genesis can never join
 * @param genesisHash the hash of block 0 of this node's chain
 * @param peers every voting member of the group, this node included, identical on every node
 * @param storageDir the Raft storage root (log, metadata, snapshot markers); the group lives in a
 *     subdirectory named by the group UUID
 * @param bootstrap true for the first start of a new cluster (see {@link RaftNode#start()})
 * @param bindHost the interface the Raft gRPC server listens on; null means the local peer's host
 * @param tlsNodeKey this node's key, which endorses its Raft TLS certificate: consensus traffic is
 *     mutual TLS between members only (see {@link RaftNode}); null means plaintext and unauthenticated,
 *     for tests and benchmarks only
 */
public record RaftNodeConfig(
    String localNodeId,
    long chainId,
    Hash genesisHash,
    List<Peer> peers,
    Path storageDir,
    boolean bootstrap,
    String bindHost,
    Timeouts timeouts,
    Retention retention,
    Limits limits,
    NodeKey tlsNodeKey) {

  public RaftNodeConfig {
    localNodeId = NodeIds.canonical(localNodeId);
    peers = List.copyOf(peers);
    Objects.requireNonNull(storageDir, "storageDir");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(genesisHash, "genesisHash");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(limits, "limits");
    Set<String> ids = new HashSet<>();
    for (Peer p : peers) {
      if (!ids.add(p.nodeId())) {
        throw new IllegalArgumentException("duplicate peer " + p.nodeId());
      }
    }
    if (!ids.contains(localNodeId)) {
      throw new IllegalArgumentException("local node " + localNodeId + " is not among the peers");
    }
    if (tlsNodeKey != null && !NodeIds.canonical(tlsNodeKey.nodeIdHex()).equals(localNodeId)) {
      throw new IllegalArgumentException("the TLS node key is not the key of node " + localNodeId);
    }
  }

  /** A config with the default timeouts, retention, batching and limits. */
  public static RaftNodeConfig of(String localNodeId, long chainId, Hash genesisHash, List<Peer> peers,
      Path storageDir, boolean bootstrap) {
    return new RaftNodeConfig(localNodeId, chainId, genesisHash, peers, storageDir, bootstrap, null,
        Timeouts.DEFAULT, Retention.DEFAULT, Limits.DEFAULT, null);
  }

  public RaftNodeConfig withBindHost(String host) {
    return new RaftNodeConfig(localNodeId, chainId, genesisHash, peers, storageDir, bootstrap, host, timeouts,
        retention, limits, tlsNodeKey);
  }

  public RaftNodeConfig withTimeouts(Timeouts t) {
    return new RaftNodeConfig(localNodeId, chainId, genesisHash, peers, storageDir, bootstrap, bindHost, t,
        retention, limits, tlsNodeKey);
  }

  public RaftNodeConfig withRetention(Retention r) {
    return new RaftNodeConfig(localNodeId, chainId, genesisHash, peers, storageDir, bootstrap, bindHost, timeouts,
        r, limits, tlsNodeKey);
  }

  public RaftNodeConfig withLimits(Limits l) {
    return new RaftNodeConfig(localNodeId, chainId, genesisHash, peers, storageDir, bootstrap, bindHost, timeouts,
        retention, l, tlsNodeKey);
  }

  /** Consensus traffic over mutual TLS, authenticated by {@code nodeKey} (this node's key). */
  public RaftNodeConfig withTls(NodeKey nodeKey) {
    return new RaftNodeConfig(localNodeId, chainId, genesisHash, peers, storageDir, bootstrap, bindHost, timeouts,
        retention, limits, java.util.Objects.requireNonNull(nodeKey, "nodeKey"));
  }

  public Peer localPeer() {
    return peers.stream().filter(p -> p.nodeId().equals(localNodeId)).findFirst().orElseThrow();
  }

  /** A voting member: its node id and where its Raft gRPC server listens. */
  public record Peer(String nodeId, String host, int raftPort) {
    public Peer {
      nodeId = NodeIds.canonical(nodeId);
      Objects.requireNonNull(host, "host");
      if (raftPort <= 0 || raftPort > 65_535) {
        throw new IllegalArgumentException("raft port " + raftPort);
      }
    }

    public String address() {
      return address(host, raftPort);
    }

    /** "host:port", with an IPv6 host in brackets. */
    static String address(String host, int port) {
      return host.contains(":") && !host.startsWith("[") ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  /**
   * Raft timing. Defaults were measured with three servers in one JVM on a shared 2-core machine
   * (see RaftClusterTest#failoverTime and the module report): election 400-800 ms did not churn under
   * load and fails over in well under a second; the first election is shorter so a fresh cluster
   * elects quickly. The leader heartbeats every electionMin / 2.
   *
   * @param rpcRequest server-to-server request timeout (append entries, votes)
   * @param rpcSlowness after this long without a follower's response the leader logs it as slow
   * @param leaderStepDownWait a leader steps down after a JVM pause this long, and a leader that lost
   *     its majority waits this long before campaigning again
   * @param clientRequest one attempt of a client request (transaction batches from a follower). Ratis
   *     takes a timed-out attempt for a dead leader: it drops the connection (the batch may still
   *     commit, but its answer is lost), tries a random peer and reconnects. So this must exceed a
   *     fresh connection's setup (a TLS handshake) plus a commit on a loaded machine with room to
   *     spare, or every attempt times out in turn; a dead leader is noticed sooner anyway, by a refused
   *     or reset connection or another member's NotLeader answer.
   * @param clientRetryWindow how long a transaction batch is retried across leader changes: room for a
   *     timed-out attempt at a silent leader and one more at its successor
   * @param propose how long an entry appended on this node (a block, or a batch on the leader) may
   *     take before it is reported failed (outcome unknown)
   * @param retryCacheExpiry how long the servers remember (client, call) pairs; must exceed the client
   *     retry window plus one attempt, or a retried batch could commit twice (RATIS-1873)
   * @param deadLeaderProbe a follower whose leader is silent past a heartbeat interval probes the
   *     leader's Raft port and campaigns at once when the connection is refused (its process is gone),
   *     instead of waiting out the election timeout ({@link DeadLeaderWatch})
   */
  public record Timeouts(
      Duration electionMin,
      Duration electionMax,
      Duration firstElectionMin,
      Duration firstElectionMax,
      Duration rpcRequest,
      Duration rpcSlowness,
      Duration leaderStepDownWait,
      Duration clientRequest,
      Duration clientRetryWindow,
      Duration propose,
      Duration retryCacheExpiry,
      boolean deadLeaderProbe) {

    public static final Timeouts DEFAULT = new Timeouts(
        Duration.ofMillis(400), Duration.ofMillis(800),
        Duration.ofMillis(200), Duration.ofMillis(400),
        Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(3),
        // a client attempt of 3 s livelocked under the fault campaign once Raft ran over TLS (see clientRequest)
        Duration.ofSeconds(8), Duration.ofSeconds(20), Duration.ofSeconds(5),
        Duration.ofSeconds(60), true);

    public Timeouts {
      requirePositive(electionMin, "electionMin");
      requirePositive(firstElectionMin, "firstElectionMin");
      requirePositive(rpcRequest, "rpcRequest");
      requirePositive(rpcSlowness, "rpcSlowness");
      requirePositive(leaderStepDownWait, "leaderStepDownWait");
      requirePositive(clientRequest, "clientRequest");
      requirePositive(clientRetryWindow, "clientRetryWindow");
      requirePositive(propose, "propose");
      if (electionMax.compareTo(electionMin) <= 0 || firstElectionMax.compareTo(firstElectionMin) <= 0) {
        throw new IllegalArgumentException("election timeout max must exceed min");
      }
      if (retryCacheExpiry.compareTo(clientRetryWindow.plus(clientRequest).multipliedBy(2)) < 0) {
        throw new IllegalArgumentException("retryCacheExpiry " + retryCacheExpiry
            + " must be at least twice the client retry window plus one request");
      }
    }

    public Timeouts withElection(Duration min, Duration max, Duration firstMin, Duration firstMax) {
      return new Timeouts(min, max, firstMin, firstMax, rpcRequest, rpcSlowness, leaderStepDownWait,
          clientRequest, clientRetryWindow, propose, retryCacheExpiry, deadLeaderProbe);
    }

    public Timeouts withDeadLeaderProbe(boolean on) {
      return new Timeouts(electionMin, electionMax, firstElectionMin, firstElectionMax, rpcRequest, rpcSlowness,
          leaderStepDownWait, clientRequest, clientRetryWindow, propose, retryCacheExpiry, on);
    }

    /**
     * How long a leader must be silent before a follower probes it: past one heartbeat interval
     * (electionMin / 2) by a quarter of it, so a heartbeat that is merely late does not cause a probe,
     * and well before the election timeout.
     */
    public Duration deadLeaderProbeAfter() {
      return electionMin.dividedBy(2).plus(electionMin.dividedBy(8));
    }
  }

  /**
   * When the log is compacted. The chain state lives in RocksDB, so a "snapshot" is only a marker of
   * the durable applied index that lets Ratis purge the log up to it. Purging is conservative: Ratis
   * never purges past the lowest commit index the leader knows of any peer (a follower that is down
   * keeps the log for it), and {@code preservedEntries} more are kept behind that on top. A follower
   * further behind than the retained log needs block sync ({@link SnapshotFetcher}).
   *
   * <p>Defaults: a marker every 4096 entries, purge in steps of at least 1024 entries, keep the last
   * 16384 entries. At one block per second plus a few transaction batches per second that retains
   * roughly an hour of log at minimum.
   *
   * @param segmentSizeMaxBytes a closed log segment is the unit of purging (an entry larger than a
   *     segment is written into the open one: Ratis bounds entries by the appender buffer, not this)
   * @param snapshotMarkersRetained marker files kept (tiny)
   * @param keepForLaggingFollowers purge no entry a known follower has not committed (Ratis's
   *     {@code purge.upto.snapshot.index=false}); false purges up to the snapshot marker, and a
   *     follower left behind catches up by block sync
   */
  public record Retention(
      long snapshotThreshold,
      int purgeGap,
      long preservedEntries,
      long segmentSizeMaxBytes,
      int snapshotMarkersRetained,
      boolean keepForLaggingFollowers) {

    public static final Retention DEFAULT = new Retention(4096, 1024, 16_384, 32L * 1024 * 1024, 2, true);

    public Retention(long snapshotThreshold, int purgeGap, long preservedEntries, long segmentSizeMaxBytes,
        int snapshotMarkersRetained) {
      this(snapshotThreshold, purgeGap, preservedEntries, segmentSizeMaxBytes, snapshotMarkersRetained, true);
    }

    public Retention {
      if (snapshotThreshold < 1 || purgeGap < 1 || preservedEntries < 0 || snapshotMarkersRetained < 1
          || segmentSizeMaxBytes < 1024) {
        throw new IllegalArgumentException("invalid retention " + snapshotThreshold + "/" + purgeGap
            + "/" + preservedEntries + "/" + snapshotMarkersRetained);
      }
    }
  }

  /**
   * @param maxEntryBytes largest entry (block or batch) accepted; Ratis buffers and gRPC messages are
   *     sized from it
   * @param writeElementLimit pending write requests the leader accepts before refusing more
   */
  public record Limits(int maxEntryBytes, int writeElementLimit) {
    public static final Limits DEFAULT = new Limits(8 * 1024 * 1024, 1024);

    public Limits {
      if (maxEntryBytes < 1024 || maxEntryBytes > EntryCodec.MAX_ENTRY_BYTES || writeElementLimit < 1) {
        throw new IllegalArgumentException("invalid limits " + maxEntryBytes + "/" + writeElementLimit);
      }
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
