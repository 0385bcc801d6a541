package dev.raftseq.systest.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
  private static final Set<FaultKind> ALL = EnumSet.allOf(FaultKind.class);

  @Test
  void theSameSeedGivesTheSamePlanAndAnotherSeedAnother() {
    assertThat(FaultPlan.plan(42, 50, ALL)).isEqualTo(FaultPlan.plan(42, 50, ALL));
    assertThat(FaultPlan.plan(42, 50, ALL)).isNotEqualTo(FaultPlan.plan(43, 50, ALL));
  }

  @Test
  void everyRoundOfCyclesInjectsEveryKindOnce() {
    int n = ALL.size();
    List<FaultSpec> plan = FaultPlan.plan(7, n * 20, ALL);
    for (int round = 0; round < 20; round++) {
      Set<FaultKind> kinds = plan.subList(round * n, round * n + n).stream().map(FaultSpec::kind)
          .collect(Collectors.toSet());
      assertThat(kinds).isEqualTo(ALL);
    }
  }

  @Test
  void faultsOutlastTheElectionTimeoutAndTheLeaderIsHitMostOften() {
    List<FaultSpec> plan = FaultPlan.plan(1, 2000, EnumSet.of(FaultKind.KILL, FaultKind.PAUSE));
    assertThat(plan).allSatisfy(f -> {
      assertThat(f.holdMillis()).isBetween(FaultPlan.MIN_HOLD_MS, FaultPlan.MAX_HOLD_MS);
      assertThat(f.quietMillis()).isBetween(FaultPlan.MIN_QUIET_MS, FaultPlan.MAX_QUIET_MS);
      assertThat(Math.abs(f.clockOffsetSeconds())).isBetween(FaultPlan.MIN_CLOCK_JUMP_S, FaultPlan.MAX_CLOCK_JUMP_S);
    });
    long leader = plan.stream().filter(f -> f.target() == FaultSpec.Target.LEADER).count();
    assertThat(leader).isBetween(900L, 1100L); // half; followers and any-node a quarter each
    assertThat(plan.stream().filter(f -> f.clockOffsetSeconds() < 0).count()).isBetween(900L, 1100L);
    assertThat(plan.stream().filter(FaultSpec::isolate).count()).isBetween(1200L, 1450L);
  }

  @Test
  void faultNamesParseAndUnknownOnesAreNamed() {
    assertThat(FaultKind.parse("kill, pause,partition")).containsExactlyInAnyOrder(FaultKind.KILL, FaultKind.PAUSE,
        FaultKind.PARTITION);
    assertThat(FaultKind.parse("powercut")).containsExactly(FaultKind.POWERCUT);
    assertThatThrownBy(() -> FaultKind.parse("kill,flood"))
        .hasMessage("unknown fault 'flood'; known: kill,pause,partition,disk,clock,powercut");
    assertThatThrownBy(() -> FaultKind.parse(",")).hasMessage("no fault kinds given");
  }
}
