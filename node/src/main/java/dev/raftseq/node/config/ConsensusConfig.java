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
 * @param forceClearRaftHistory allow starting without consensus over an existing Raft log
 * @param stopHandoffTimeout how long a leader stopping (SIGTERM) waits for a follower to take over
 */
public record ConsensusConfig(
    boolean enabled,
    boolean bootstrap,
    List<String> peerIds,
    int raftPortOffset,
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    boolean forceClearRaftHistory,
    Duration stopHandoffTimeout) {
  private static final Pattern PEER_ID = Pattern.compile("0x[0-9a-fA-F]{128}");

  public ConsensusConfig {
    peerIds = List.copyOf(peerIds);
    Objects.requireNonNull(electionTimeoutMin, "electionTimeoutMin");
    Objects.requireNonNull(electionTimeoutMax, "electionTimeoutMax");
    Objects.requireNonNull(stopHandoffTimeout, "stopHandoffTimeout");
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
        r.bool("consensus.force_clear_raft_history"),
        r.duration("consensus.stop_handoff_timeout", Duration.ZERO));
  }

  private static String peerId(String text) {
    if (!PEER_ID.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "expected 0x followed by 128 hex characters, got '" + text + "'");
    }
    return text.toLowerCase(Locale.ROOT);
  }
}
