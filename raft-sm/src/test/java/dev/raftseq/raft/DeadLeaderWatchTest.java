package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dead-leader rule without threads, sockets or Ratis: fake view, probe results and clock. */
class DeadLeaderWatchTest {
  private static final Duration AFTER = Duration.ofMillis(250);
  private static final Duration HOLD_OFF = Duration.ofSeconds(10);

  private final FakeEffects fx = new FakeEffects();
  private final FakeClock clock = new FakeClock();
  private final DeadLeaderWatch watch = new DeadLeaderWatch("test", fx, clock, AFTER, HOLD_OFF);

  @Test
  void aLeaderSilentPastTheThresholdWhosePortRefusesIsReplacedAtOnce() {
    fx.view = following(7, 249, 0);
    watch.poll();
    assertThat(fx.probes).as("a heartbeat merely late: no probe").isEmpty();

    fx.view = following(7, 250, 0);
    fx.probe = DeadLeaderWatch.Probe.REFUSED;
    watch.poll();
    assertThat(fx.probes).containsExactly("L");
    assertThat(fx.campaigns).containsExactly("L@7");
    assertThat(watch.campaigns()).isEqualTo(1);
  }

  @Test
  void aPortThatAcceptsOrCannotBeReachedProvesNothing() {
    fx.view = following(3, 400, 0);
    fx.probe = DeadLeaderWatch.Probe.ACCEPTED;
    watch.poll();
    fx.probe = DeadLeaderWatch.Probe.INCONCLUSIVE;
    clock.advance(Duration.ofMillis(50));
    watch.poll();
    assertThat(fx.probes).hasSize(2);
    assertThat(fx.campaigns).isEmpty();
  }

  @Test
  void probesEveryFifthOfTheThresholdWhileTheLeaderStaysSilentAndCampaignsOnceThePortCloses() {
    fx.view = following(3, 1_000, 0);
    fx.probe = DeadLeaderWatch.Probe.ACCEPTED; // the dying process has not released its port yet
    watch.poll();
    clock.advance(Duration.ofMillis(49));
    watch.poll();
    assertThat(fx.probes).hasSize(1);
    clock.advance(Duration.ofMillis(1));
    watch.poll();
    assertThat(fx.probes).hasSize(2);
    assertThat(fx.campaigns).isEmpty();
    fx.probe = DeadLeaderWatch.Probe.REFUSED;
    clock.advance(Duration.ofMillis(50));
    watch.poll();
    assertThat(fx.campaigns).containsExactly("L@3");
  }

  @Test
  void theSecondSurvivorWaitsTwoMoreThresholdsSoTheVoteDoesNotSplit() {
    fx.probe = DeadLeaderWatch.Probe.REFUSED;
    fx.view = following(5, 749, 1);
    watch.poll();
    assertThat(fx.probes).isEmpty();
    fx.view = following(5, 750, 1);
    watch.poll();
    assertThat(fx.campaigns).containsExactly("L@5");
  }

  @Test
  void aFollowerHandlingTheLeadersRequestIsNotSilentAndANonFollowerDoesNothing() {
    fx.probe = DeadLeaderWatch.Probe.REFUSED;
    fx.view = Optional.of(new DeadLeaderWatch.Following(5, "L", 900, true));
    watch.poll();
    fx.view = Optional.empty();
    watch.poll();
    assertThat(fx.probes).isEmpty();
  }

  @Test
  void aNodeOutsideTheVotingMembersNeverProbes() {
    fx.probe = DeadLeaderWatch.Probe.REFUSED;
    fx.view = following(5, 5_000, -1);
    watch.poll();
    assertThat(fx.probes).isEmpty();
  }

  @Test
  void campaignsAgainstTheSameLeaderAtMostOncePerHoldOffButAgainstAnotherAtOnce() {
    fx.probe = DeadLeaderWatch.Probe.REFUSED;
    fx.view = following(5, 300, 0);
    watch.poll();
    assertThat(fx.campaigns).containsExactly("L@5");

    // a firewall that resets this follower's connections to a live leader: no flapping
    fx.view = following(6, 300, 0);
    clock.advance(Duration.ofSeconds(1));
    watch.poll();
    clock.advance(Duration.ofSeconds(1));
    watch.poll();
    assertThat(fx.probes).hasSize(3);
    assertThat(fx.campaigns).containsExactly("L@5");

    clock.advance(HOLD_OFF);
    watch.poll();
    assertThat(fx.campaigns).containsExactly("L@5", "L@6");
    assertThat(watch.campaigns()).isEqualTo(2);

    // a later leader that dies soon after: a different process, no hold-off
    fx.view = Optional.of(new DeadLeaderWatch.Following(8, "M", 300, false));
    clock.advance(Duration.ofSeconds(1));
    watch.poll();
    assertThat(fx.campaigns).containsExactly("L@5", "L@6", "M@8");
  }

  @Test
  void aCampaignRefusedBecauseTheViewMovedOnIsNotCounted() {
    fx.probe = DeadLeaderWatch.Probe.REFUSED;
    fx.campaignSucceeds = false; // another node won meanwhile: the term or the leader changed
    fx.view = following(5, 300, 0);
    watch.poll();
    assertThat(watch.campaigns()).isZero();
    // and it does not start the hold-off
    fx.campaignSucceeds = true;
    clock.advance(AFTER);
    watch.poll();
    assertThat(fx.campaigns).containsExactly("L@5", "L@5");
    assertThat(watch.campaigns()).isEqualTo(1);
  }

  private Optional<DeadLeaderWatch.Following> following(long term, long silentMillis, int rank) {
    fx.rank = rank;
    return Optional.of(new DeadLeaderWatch.Following(term, "L", silentMillis, false));
  }

  private static final class FakeEffects implements DeadLeaderWatch.Effects {
    Optional<DeadLeaderWatch.Following> view = Optional.empty();
    DeadLeaderWatch.Probe probe = DeadLeaderWatch.Probe.ACCEPTED;
    boolean campaignSucceeds = true;
    int rank;
    final List<String> probes = new ArrayList<>();
    final List<String> campaigns = new ArrayList<>();

    @Override
    public Optional<DeadLeaderWatch.Following> following() {
      return view;
    }

    @Override
    public int rank(String leaderId) {
      return rank;
    }

    @Override
    public DeadLeaderWatch.Probe probe(String leaderId) {
      probes.add(leaderId);
      return probe;
    }

    @Override
    public boolean campaign(String leaderId, long term) {
      campaigns.add(leaderId + "@" + term);
      return campaignSucceeds;
    }
  }

  private static final class FakeClock implements InstantSource {
    private Instant now = Instant.parse("2026-12-07T20:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
