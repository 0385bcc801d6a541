package dev.raftseq.status;

import java.util.Locale;

/**
 * What the node does now: a Raft leader, follower or candidate; an external (replaying) node; or
 * a single sequencer without consensus.
 */
public enum Role {
  LEADER,
  FOLLOWER,
  CANDIDATE,
  EXTERNAL,
  SINGLE;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
