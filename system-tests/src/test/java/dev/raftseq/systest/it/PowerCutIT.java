package dev.raftseq.systest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.systest.chaos.Campaign;
import dev.raftseq.systest.chaos.CampaignOptions;
import dev.raftseq.systest.chaos.FaultKind;
import dev.raftseq.systest.cluster.LossyFs;
import dev.raftseq.systest.history.History;
import dev.raftseq.systest.history.Op;
import dev.raftseq.systest.history.OpType;
import dev.raftseq.systest.history.Ops;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Durability, not only atomicity: three real node processes keep their data (Raft log, chain
 * database, batch index) each on its own lossyfs mount, load runs from many accounts, and the
 * power is cut three times: of the whole cluster (kill -9 of every node, the leader among them,
 * and at the same moment the loss of every write no fsync/fdatasync covered; then all restart),
 * of the leader alone (it restarts and must catch up with the two that went on), and of the whole
 * cluster again. The campaign's checker then proves every acknowledged transaction is in the
 * chain exactly once, every node holds the same chain block by block (no fork, same state roots),
 * and after the last cut every node acknowledged a fresh transaction and reached the same head.
 *
 * <p>Whole-cluster cuts are what test durability: one node's lost writes are repaired by its two
 * peers, so only the loss on a majority shows whether an acknowledgement waited for the sync.
 *
 * <p>The second test is the negative control: the same run with nodes whose Raft storage "skips
 * the sync" (libnosync turns fsync/fdatasync of files under {@code raft/} into no-ops,
 * LD_PRELOADed into the node processes by this test only). The same check must then fail.
 *
 * <p>Needs lossyfs (scripts/install-lossyfs.sh, run by test.sh), /dev/fuse and root; where any is
 * missing the tests fail saying which, they never pass without running.
 */
class PowerCutIT {
  static final Path REPO = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  static final int CUTS = 3;
  /** Its plan: the whole cluster, the leader alone, the whole cluster (checked below). */
  static final long SEED = 5;

  @Test
  void everyAcknowledgedTransactionSurvivesRepeatedPowerCuts() throws Exception {
    assertThat(LossyFs.unavailable(REPO)).as("lossyfs must run here").isEmpty();
    Campaign.Result result = run("durable", CUTS, Map.of());

    String summary = result.summary().toPrettyString();
    System.out.println(summary);
    assertThat(result.report().valid()).as(summary).isTrue();
    assertThat(result.summary().path("campaign").path("faults").path("powercut").asInt()).as(summary).isEqualTo(CUTS);
    long acknowledged = result.report().totals().get("transactions_acknowledged");
    assertThat(result.report().tally("acknowledged_included_once").checkedCount()).as(summary).isEqualTo(acknowledged);
    // every cut had acknowledged transactions at stake that it could have lost
    History history = History.read(result.runDir().resolve("history.jsonl"));
    List<Op> cuts = cuts(history);
    assertThat(cuts).extracting(o -> o.text("nodes") + "/" + o.text("target"))
        .as("the whole cluster, the leader alone, the whole cluster").hasSize(CUTS)
        .satisfies(c -> assertThat(c.get(0)).startsWith("all/"))
        .satisfies(c -> assertThat(c.get(1)).matches("n[123]/leader"))
        .satisfies(c -> assertThat(c.get(2)).startsWith("all/"));
    List<Long> before = acknowledgedBeforeEachCut(history);
    System.out.println("acknowledged before each cut: " + before + ", in all: " + acknowledged);
    assertThat(before).hasSize(CUTS);
    assertThat(before.get(0)).isPositive();
    for (int i = 1; i < CUTS; i++) {
      assertThat(before.get(i)).as("acknowledged between cut %d and %d", i, i + 1).isGreaterThan(before.get(i - 1));
    }
    assertThat(result.report().tally("liveness_after_healing").violationCount()).as(summary).isZero();
    assertThat(result.report().totals().get("nodes")).as("every node's chain was read").isEqualTo(3L);
    // Not asserted yet (open, see README "Power cuts"): in 1 of 4 runs the leader cut alone had not
    // caught up within the settle time (head 57 while the others were at 713, for minutes)
    System.out.println("cycles not settled: " + result.summary().path("campaign").path("cycles_not_settled").asInt());
    // each node came back by itself: none had to be started a second time
    assertThat(result.summary().path("campaign").path("restarts_needed_after_heal").asInt()).as(summary).isZero();
  }

  @Test
  void withRaftStorageThatSkipsItsSyncsThePowerCutTestFails() throws Exception {
    assertThat(LossyFs.unavailable(REPO)).as("lossyfs must run here").isEmpty();
    Map<String, String> skipSync = Map.of("LD_PRELOAD", LossyFs.noSyncLibrary(REPO).toString(), "NOSYNC_MATCH", "/raft/");
    Campaign.Result result = run("raft-unsynced", 1, skipSync);

    String summary = result.summary().toPrettyString();
    System.out.println(summary);
    assertThat(result.report().valid()).as(summary).isFalse();
    assertThat(cuts(History.read(result.runDir().resolve("history.jsonl")))).singleElement()
        .satisfies(o -> assertThat(o.text("nodes")).isEqualTo("all"));
    // what the cut lost: Ratis's term and vote file (raft-meta, written to a temporary file that
    // was never synced, then renamed) is empty, so no node can start again, and every
    // acknowledged transaction is gone from what the cluster serves
    assertThat(result.report().tally("liveness_after_healing").violationCount()).as(summary).isPositive();
    assertThat(result.report().tally("liveness_after_healing").examples()).as(summary)
        .anySatisfy(e -> assertThat(e).contains("exits at start").contains("raft-meta"));
    long acknowledged = result.report().totals().get("transactions_acknowledged");
    assertThat(acknowledged).as(summary).isPositive();
    assertThat(result.report().tally("acknowledged_included_once").violationCount()).as(summary).isPositive();
  }

  private static Campaign.Result run(String name, int cuts, Map<String, String> nodeEnv) throws Exception {
    Path runDir = REPO.resolve("system-tests/target/power-cut-it/" + name + "-" + System.currentTimeMillis());
    return new Campaign(new CampaignOptions(cuts, SEED, Set.of(FaultKind.POWERCUT), 20, 16,
        Duration.ofMinutes(10), runDir, false, Path.of(System.getProperty("node.jar")), REPO, nodeEnv)).run();
  }

  /** The nemesis's record of each power cut as it began. */
  private static List<Op> cuts(History h) {
    return h.ops().stream().filter(o -> o.f().equals(Ops.POWER_CUT) && o.text("rolled_back") == null).toList();
  }

  /** For each power cut, the transactions acknowledged before it (cumulative). */
  private static List<Long> acknowledgedBeforeEachCut(History h) {
    List<Long> out = new ArrayList<>();
    long acked = 0;
    for (Op o : h.ops()) {
      if (o.f().equals(Ops.SUBMIT) && o.type() == OpType.OK) {
        acked++;
      } else if (o.f().equals(Ops.POWER_CUT) && o.text("rolled_back") == null) {
        out.add(acked);
      }
    }
    return out;
  }
}
