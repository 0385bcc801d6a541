package dev.raftseq.systest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.systest.chaos.Campaign;
import dev.raftseq.systest.chaos.CampaignOptions;
import dev.raftseq.systest.chaos.ChaosMain;
import dev.raftseq.systest.chaos.FaultKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CI-sized fault campaign: three real node processes configured as seed 002 says, load from
 * 16 accounts, and ten seeded fault cycles drawn from every kind this machine supports (kill,
 * pause and partition everywhere; clock jumps with libfaketime, which scripts/install-fault-tools.sh
 * installs; full disks as root), then every invariant of the checker must hold. On a violation the
 * run directory under system-tests/target/chaos-it/ keeps history, chains, logs and data.
 */
class ChaosCampaignIT {
  static final long SEED = Long.getLong("chaos.seed", 20_251_207L);
  static final int CYCLES = Integer.getInteger("chaos.cycles", 10);

  @Test
  void tenFaultCyclesOfEveryKindThisMachineSupportsViolateNothing() throws Exception {
    Set<FaultKind> faults = ChaosMain.supported();
    assertThat(faults).contains(FaultKind.KILL, FaultKind.PAUSE, FaultKind.PARTITION);
    Path repo = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    Path runDir = repo.resolve("system-tests/target/chaos-it/seed-" + SEED + "-" + System.currentTimeMillis());
    Campaign campaign = new Campaign(new CampaignOptions(CYCLES, SEED, faults, 20, 16, Duration.ofMinutes(20),
        runDir, false, Path.of(System.getProperty("node.jar")), repo));

    Campaign.Result result = campaign.run();

    String summary = result.summary().toPrettyString();
    System.out.println(summary);
    assertThat(result.report().valid()).as(summary).isTrue();
    assertThat(result.summary().path("campaign").path("cycles_run").asInt()).as(summary).isEqualTo(CYCLES);
    for (FaultKind k : faults) {
      assertThat(result.summary().path("campaign").path("faults").path(k.cliName()).asInt()).as(k.cliName())
          .isPositive();
    }
    assertThat(result.report().totals().get("transactions_acknowledged")).as(summary).isGreaterThan(100L);
    assertThat(result.report().tally("acknowledged_included_once").checkedCount()).as(summary)
        .isEqualTo(result.report().totals().get("transactions_acknowledged"));
    assertThat(result.report().tally("liveness_after_healing").checkedCount()).isPositive();
  }
}
