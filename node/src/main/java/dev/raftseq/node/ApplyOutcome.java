package dev.raftseq.node;

/** What happened to a block offered for application. */
public record ApplyOutcome(Kind kind, String reason) {
  public enum Kind { APPLIED, REJECTED_STALE, INVALID }

  static final ApplyOutcome APPLIED = new ApplyOutcome(Kind.APPLIED, "");

  static ApplyOutcome stale(String reason) {
    return new ApplyOutcome(Kind.REJECTED_STALE, reason);
  }

  static ApplyOutcome invalid(String reason) {
    return new ApplyOutcome(Kind.INVALID, reason);
  }
}
