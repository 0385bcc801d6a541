package dev.raftseq.systest.cluster;

/**
 * One /status poll of one node. {@code up} is false when it did not answer in time (stopped,
 * paused or dead); the other fields are then meaningless. {@code state} is the node's role,
 * {@code raftState} Ratis's role, {@code leader} the status's is_leader (leader and producing).
 */
public record NodeView(boolean up, String state, String raftState, boolean leader, long term, long head) {
  public static final NodeView DOWN = new NodeView(false, "down", "down", false, -1, -1);

  /** Same role and term (the head is allowed to differ). */
  boolean sameRole(NodeView o) {
    return up == o.up && leader == o.leader && term == o.term && state.equals(o.state) && raftState.equals(o.raftState);
  }
}
