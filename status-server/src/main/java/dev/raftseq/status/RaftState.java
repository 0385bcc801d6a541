package dev.raftseq.status;

/** The Raft server state as /status spells it (zksync-os-server prints OpenRaft's names). */
public enum RaftState {
  LEADER("Leader"),
  FOLLOWER("Follower"),
  CANDIDATE("Candidate"),
  LEARNER("Learner"),
  SHUTDOWN("Shutdown");

  private final String jsonName;

  RaftState(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }
}
