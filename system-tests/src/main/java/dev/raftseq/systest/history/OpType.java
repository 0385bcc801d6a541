package dev.raftseq.systest.history;

/**
 * Jepsen's operation types: a client {@code invoke}s an operation, which completes {@code ok}
 * (it happened), {@code fail} (it definitely did not happen) or {@code info} (unknown: it may
 * have happened, or may still happen). Nemesis and monitor records are {@code info}.
 */
public enum OpType {
  INVOKE,
  OK,
  FAIL,
  INFO;

  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static OpType parse(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }
}
