package dev.raftseq.systest.chaos;

/**
 * One planned fault. Targets are roles, resolved against the cluster when the fault starts.
 *
 * @param cycle 1-based
 * @param target who is hit: the leader, a follower, or any node
 * @param holdMillis how long the fault lasts before it heals
 * @param quietMillis plain load before the fault starts
 * @param isolate partitions: isolate the target (true) or cut only its link to one other node; power
 *     cuts: cut the whole cluster (true) or the target alone
 * @param clockOffsetSeconds clock jumps: the offset (negative: backwards)
 */
public record FaultSpec(int cycle, FaultKind kind, Target target, long holdMillis, long quietMillis, boolean isolate,
    long clockOffsetSeconds) {

  public enum Target { LEADER, FOLLOWER, ANY }
}
