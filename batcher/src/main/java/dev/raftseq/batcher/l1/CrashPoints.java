package dev.raftseq.batcher.l1;

/**
 * Named points in the submitter where tests simulate a crash (the hook throws, the test drops the
 * submitter without closing it and starts a new one over the same progress store). A no-op in
 * production; same idea as Ratis's CodeInjectionForTesting, without static state.
 */
@FunctionalInterface
public interface CrashPoints {
  /** Persisted a new transaction (or attempt), not yet broadcast. */
  String AFTER_PERSIST = "after-persist";
  /** Broadcast a transaction, before anything else. */
  String AFTER_SEND = "after-send";
  /** Saw a settled transaction, before forgetting it in the store. */
  String BEFORE_FORGET = "before-forget";

  void reached(String point);

  CrashPoints NONE = p -> {};
}
