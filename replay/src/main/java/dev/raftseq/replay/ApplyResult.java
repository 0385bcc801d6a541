package dev.raftseq.replay;

/** What the apply path did with a verified block. */
public sealed interface ApplyResult {
  /** Written in one batch; it is the new head. */
  record Applied(long number) implements ApplyResult {}

  /**
   * The head moved past the block's parent in the meantime (e.g. the same block arrived through
   * Raft): nothing written, replay re-reads the head.
   */
  record Stale(String why) implements ApplyResult {}

  static ApplyResult applied(long number) {
    return new Applied(number);
  }
}
