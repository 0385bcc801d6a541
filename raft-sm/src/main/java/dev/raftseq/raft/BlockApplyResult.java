package dev.raftseq.raft;

import java.util.Objects;

/**
 * What the applier did with a committed block. Every node must reach the same result for the same
 * entry, so a reason must depend only on the block and the chain state, never on local timing.
 */
public record BlockApplyResult(Status status, String reason) {

  public enum Status {
    /** The block extended the head and is now part of the chain. */
    APPLIED,
    /** Built on a head that is no longer the head (an older leader's proposal); not applied. */
    REJECTED_STALE,
    /** Fails verification on its own (bad signature, bad roots, ...); not applied. */
    INVALID
  }

  private static final BlockApplyResult APPLIED_RESULT = new BlockApplyResult(Status.APPLIED, "");

  public BlockApplyResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  public static BlockApplyResult applied() {
    return APPLIED_RESULT;
  }

  public static BlockApplyResult stale(String reason) {
    return new BlockApplyResult(Status.REJECTED_STALE, reason);
  }

  public static BlockApplyResult invalid(String reason) {
    return new BlockApplyResult(Status.INVALID, reason);
  }
}
