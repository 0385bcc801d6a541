package dev.raftseq.producer;

import java.util.Objects;

/** What became of a sealed block handed to the {@link BlockSink}. */
public record SubmitOutcome(Kind kind, String reason) {

  public enum Kind {
    /** Committed and applied: the block is the new head. */
    APPLIED,
    /** Its parent was not the head when it was applied; nothing changed. */
    REJECTED_STALE,
    /** Not committed (lost leadership, log error, timeout); it may or may not apply later. */
    FAILED
  }

  public static final SubmitOutcome APPLIED = new SubmitOutcome(Kind.APPLIED, "");

  public SubmitOutcome {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  public static SubmitOutcome rejectedStale(String reason) {
    return new SubmitOutcome(Kind.REJECTED_STALE, reason);
  }

  public static SubmitOutcome failed(String reason) {
    return new SubmitOutcome(Kind.FAILED, reason);
  }
}
