package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LeadershipTrackerTest {

  /** Raft as the tracker sees it, set by the test. */
  private static final class FakeRaft implements LeadershipTracker.RaftView {
    volatile boolean leader;
    volatile boolean ready;
    volatile long term;

    void becomeReadyLeader(long t) {
      term = t;
      leader = true;
      ready = true;
    }

    void stepDown(long t) {
      term = t;
      leader = false;
      ready = false;
    }

    @Override
    public boolean isLeader() {
      return leader;
    }

    @Override
    public boolean isLeaderReady() {
      return ready;
    }

    @Override
    public long currentTerm() {
      return term;
    }
  }

  private final FakeRaft raft = new FakeRaft();
  private final List<OptionalLong> told = new CopyOnWriteArrayList<>();
  private final LeadershipTracker tracker = new LeadershipTracker("test", Runnable::run, raft);

  {
    tracker.addListener(told::add);
  }

  @Test
  void producesOnlyOnceReadyAndStopsWhenSteppingDown() {
    raft.term = 3;
    raft.leader = true;
    tracker.onLeaderChanged(true);
    assertThat(tracker.producingTerm()).as("elected but not ready").isEmpty();

    raft.ready = true;
    tracker.onLeaderReady();
    assertThat(tracker.producingTerm()).hasValue(3);

    raft.stepDown(4);
    tracker.onNotLeader();
    assertThat(tracker.producingTerm()).isEmpty();
    assertThat(told).containsExactly(OptionalLong.of(3), OptionalLong.empty());
  }

  @Test
  void aLateReadySignalCannotReviveAnAbandonedTerm() {
    raft.becomeReadyLeader(5);
    tracker.onNotLeader(); // stepped down in term 5 before the ready signal was handled
    tracker.onLeaderReady();
    assertThat(tracker.producingTerm()).isEmpty();

    raft.becomeReadyLeader(7);
    tracker.onLeaderReady();
    assertThat(tracker.producingTerm()).hasValue(7);
  }

  @Test
  void anotherLeaderOrATermChangeClearsAtOnce() {
    raft.becomeReadyLeader(2);
    tracker.onLeaderReady();
    tracker.onLeaderChanged(false);
    assertThat(tracker.producingTerm()).isEmpty();

    raft.becomeReadyLeader(3);
    tracker.onLeaderReady();
    assertThat(tracker.producingTerm()).hasValue(3);
    raft.term = 4; // no event yet: the live check catches it
    assertThat(tracker.producingTerm()).isEmpty();
    assertThat(told).containsExactly(OptionalLong.of(2), OptionalLong.empty(), OptionalLong.of(3), OptionalLong.empty());
  }

  @Test
  void readySignalWhileNoLongerLeaderIsIgnored() {
    raft.term = 9;
    tracker.onLeaderReady();
    assertThat(tracker.producingTerm()).isEmpty();
    assertThat(told).isEmpty();
  }

  @Test
  void closedNeverProducesAgain() {
    raft.becomeReadyLeader(2);
    tracker.onLeaderReady();
    tracker.onClosed();
    raft.becomeReadyLeader(3);
    tracker.onLeaderReady();
    assertThat(tracker.producingTerm()).isEmpty();
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    tracker.addListener(t -> {
      throw new IllegalStateException("boom");
    });
    List<OptionalLong> second = new CopyOnWriteArrayList<>();
    tracker.addListener(second::add);
    raft.becomeReadyLeader(1);
    tracker.onLeaderReady();
    assertThat(second).containsExactly(OptionalLong.of(1));
  }
}
