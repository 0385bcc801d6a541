package dev.raftseq.node.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code consensus.*}: Raft among the main nodes listed in {@code peerIds}.
 *
 * @param enabled whether this node takes part in Raft
 * @param bootstrap whether this node may initialize the group's membership (safe on all)
 * @param peerIds every member's node id, {@code 0x} + 128 lower-case hex, this node's included
 * @param raftPortOffset a member's Raft (Ratis gRPC) port is its enode port plus this
 * @param electionTimeoutMin lower bound of the randomized election timeout
 * @param electionTimeoutMax upper bound of the randomized election timeout
 * @param deadLeaderProbe a follower whose leader has been silent past a heartbeat interval probes the
 *     leader's Raft port and, when the connection is refused (the leader's process is gone), campaigns
 *     at once instead of waiting out the election timeout
 * @param forceClearRaftHistory allow starting without consensus over an existing Raft log
 * @param stopHandoffTimeout how long a leader stopping (SIGTERM) waits for a follower to take over
 * @param logRetention when the Raft log is compacted
 */
public record ConsensusConfig(
    boolean enabled,
    boolean bootstrap,
    List<String> peerIds,
    int raftPortOffset,
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    boolean deadLeaderProbe,
    boolean forceClearRaftHistory,
    Duration stopHandoffTimeout,
    LogRetention logRetention) {
  private static final Pattern PEER_ID = Pattern.compile("0x[0-9a-fA-F]{128}");

  public ConsensusConfig {
    peerIds = List.copyOf(peerIds);
    Objects.requireNonNull(electionTimeoutMin, "electionTimeoutMin");
    Objects.requireNonNull(electionTimeoutMax, "electionTimeoutMax");
    Objects.requireNonNull(stopHandoffTimeout, "stopHandoffTimeout");
    Objects.requireNonNull(logRetention, "logRetention");
  }

  /**
   * {@code consensus.log_*}, {@code consensus.snapshot_interval_entries}: when the Raft log is
   * compacted (see README "Raft log retention").
   *
   * @param segmentSizeBytes a closed log segment is the unit of purging
   * @param snapshotIntervalEntries entries between snapshot markers (the database synced, the log
   *     before it purgeable)
   * @param preservedEntries entries kept behind the purge point on top
   * @param keepForLaggingFollowers never purge entries a known follower has not committed (a member
   *     that is down keeps the log growing); false purges up to the snapshot marker, and a follower
   *     left behind catches up by block sync over p2p
   */
  public record LogRetention(long segmentSizeBytes, long snapshotIntervalEntries, long preservedEntries,
      boolean keepForLaggingFollowers) {
    public static final LogRetention DEFAULT = new LogRetention(32L << 20, 4096, 16_384, true);
  }

  static ConsensusConfig read(SettingReader r) {
    List<String> ids = r.list("consensus.peer_ids", ConsensusConfig::peerId);
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (!seen.add(id)) {
        throw r.invalid("consensus.peer_ids", "duplicate peer id " + id);
      }
    }
    Duration min = r.duration("consensus.election_timeout_min", Duration.ofMillis(1));
    Duration max = r.duration("consensus.election_timeout_max", Duration.ofMillis(1));
    if (max.compareTo(min) <= 0) {
      throw r.invalid("consensus.election_timeout_max", "must be greater than"
          + " consensus.election_timeout_min (" + ValueSyntax.format(min) + "), got "
          + ValueSyntax.format(max));
    }
    return new ConsensusConfig(
        r.bool("consensus.enabled"),
        r.bool("consensus.bootstrap"),
        ids,
        r.intValue("consensus.raft_port_offset", 1, 65534),
        min,
        max,
        r.bool("consensus.dead_leader_probe"),
        r.bool("consensus.force_clear_raft_history"),
        r.duration("consensus.stop_handoff_timeout", Duration.ZERO),
        new LogRetention(
            r.byteSize("consensus.log_segment_size", 64L << 10, 1L << 30),
            r.integer("consensus.snapshot_interval_entries", 1, Long.MAX_VALUE),
            r.integer("consensus.log_preserved_entries", 0, Long.MAX_VALUE),
            r.bool("consensus.log_keep_for_lagging_followers")));
  }

  private static String peerId(String text) {
    if (!PEER_ID.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "expected 0x followed by 128 hex characters, got '" + text + "'");
    }
    return text.toLowerCase(Locale.ROOT);
  }
}
