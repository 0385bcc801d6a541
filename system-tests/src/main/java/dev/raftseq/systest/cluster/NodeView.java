package dev.raftseq.systest.cluster;

/**
 * One /status poll of one node. {@code up} is false when it did not answer in time (stopped,
 * paused or dead); the other fields are then meaningless.
 */
public record NodeView(boolean up, String state, boolean leader, long term, long head) {
  public static final NodeView DOWN = new NodeView(false, "down", false, -1, -1);

  /** Same role and term (the head is allowed to differ). */
  boolean sameRole(NodeView o) {
    return up == o.up && leader == o.leader && term == o.term && state.equals(o.state);
  }
}
