package dev.raftseq.status;

import java.util.Objects;

/** Whether the node is synced and serving (GET /status/ready), and if not, why. */
public record Readiness(boolean ready, String reason) {
  private static final Readiness OK = new Readiness(true, "");

  public Readiness {
    Objects.requireNonNull(reason, "reason");
  }

  public static Readiness ok() {
    return OK;
  }

  public static Readiness notReady(String reason) {
    return new Readiness(false, reason);
  }
}
