package dev.raftseq.raft;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives the producing term from Raft's leader events and fences it: once this node has stepped
 * down in a term (or seen another leader), no later "ready" signal can make it produce in that term
 * again, so there is at most one producer per term. Thread-safe; events arrive on Raft threads.
 */
final class LeadershipTracker implements LeadershipState {
  private static final Logger LOG = LoggerFactory.getLogger(LeadershipTracker.class);

  /** What Raft says right now; implemented over the Ratis division. */
  interface RaftView {
    boolean isLeader();

    boolean isLeaderReady();

    long currentTerm();
  }

  private final String nodeName;
  private final Executor notifier;
  private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
  private final RaftView view;
  private OptionalLong producing = OptionalLong.empty();
  /** No production in any term up to and including this one. */
  private long fencedThrough = -1;

  LeadershipTracker(String nodeName, Executor notifier, RaftView view) {
    this.nodeName = nodeName;
    this.notifier = notifier;
    this.view = Objects.requireNonNull(view);
  }

  /** Raft applied this leader's first entry of its term: every earlier entry is applied. */
  synchronized void onLeaderReady() {
    long term = view.currentTerm();
    if (term <= fencedThrough) {
      LOG.info("{}: leader-ready for term {} ignored, stepped down in it already", nodeName, term);
      return;
    }
    if (view.isLeader() && view.isLeaderReady()) {
      set(OptionalLong.of(term), "leader ready");
    }
  }

  /** This node stopped being leader. */
  synchronized void onNotLeader() {
    fence("stepped down");
  }

  /** Raft learned of a leader; only another node matters here. */
  synchronized void onLeaderChanged(boolean self) {
    if (!self) {
      fence("another node leads");
    }
  }

  /** The server is shutting down or halted. */
  synchronized void onClosed() {
    fencedThrough = Long.MAX_VALUE;
    set(OptionalLong.empty(), "closed");
  }

  @Override
  public synchronized OptionalLong producingTerm() {
    if (producing.isPresent()) {
      boolean stillValid;
      try {
        stillValid = view.isLeader() && view.isLeaderReady() && view.currentTerm() == producing.getAsLong();
      } catch (RuntimeException e) {
        LOG.warn("{}: cannot read Raft state, treating as not leader", nodeName, e);
        stillValid = false;
      }
      if (!stillValid) {
        fence("leadership check failed");
      }
    }
    return producing;
  }

  @Override
  public void addListener(LeadershipListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  @Override
  public void removeListener(LeadershipListener listener) {
    listeners.remove(listener);
  }

  private void fence(String why) {
    long term = safeTerm();
    long producingTerm = producing.orElse(-1);
    fencedThrough = Math.max(fencedThrough, Math.max(term, producingTerm));
    set(OptionalLong.empty(), why);
  }

  private long safeTerm() {
    try {
      return view.currentTerm();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private void set(OptionalLong next, String why) {
    if (next.equals(producing)) {
      return;
    }
    LOG.info("{}: producing term {} -> {} ({})", nodeName, describe(producing), describe(next), why);
    producing = next;
    for (LeadershipListener l : listeners) {
      try {
        notifier.execute(() -> {
          try {
            l.onProducingTermChanged(next);
          } catch (RuntimeException e) {
            LOG.error("{}: leadership listener failed", nodeName, e);
          }
        });
      } catch (RejectedExecutionException e) {
        LOG.debug("{}: notifier stopped, listener not told of {}", nodeName, describe(next));
      }
    }
  }

  private static String describe(OptionalLong term) {
    return term.isPresent() ? Long.toString(term.getAsLong()) : "none";
  }
}
