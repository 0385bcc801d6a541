package dev.raftseq.raft;

import java.util.OptionalLong;

/** Whether this node may produce blocks, and in which Raft term. */
public interface LeadershipState {

  /**
   * The term in which this node may seal and propose blocks: present only while this node is the
   * Raft leader of that term and ready (every entry of earlier terms applied). Checked live against
   * Raft on every call, so a stale value is never returned; call it before each seal.
   */
  OptionalLong producingTerm();

  /** Registers a listener called (on a notifier thread, in order) whenever the producing term changes. */
  void addListener(LeadershipListener listener);

  void removeListener(LeadershipListener listener);

  /** Told when the producing term changes; must return quickly (wake the production loop). */
  @FunctionalInterface
  interface LeadershipListener {
    void onProducingTermChanged(OptionalLong producingTerm);
  }
}
