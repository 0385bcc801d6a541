package dev.raftseq.systest.check;

import static dev.raftseq.systest.check.PlantedRun.sender;
import static dev.raftseq.systest.check.PlantedRun.tx;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.chain.types.Address;
import dev.raftseq.systest.history.OpType;
import dev.raftseq.systest.history.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The checker against hand-made runs: a healthy one passes every invariant, and each planted
 * fault is reported by the invariant it breaks (and the report says so in its counts).
 */
class CheckerTest {

  private static CheckReport check(PlantedRun r) {
    return Checker.check(r.history(), r.chains());
  }

  private static Map<String, Long> violationsByInvariant(CheckReport report) {
    return report.invariants().stream().filter(t -> t.violationCount() > 0)
        .collect(Collectors.toMap(Tally::name, Tally::violationCount));
  }

  @Test
  void healthyRunPassesEveryInvariantAndCountsWhatItChecked() {
    CheckReport report = check(PlantedRun.healthy());

    assertThat(report.valid()).as(report.toJsonString()).isTrue();
    assertThat(report.tally("no_fork").checkedCount()).isEqualTo(2 * 5); // n2 and n3 against n1, 5 heights
    assertThat(report.tally("hash_chain").checkedCount()).isEqualTo(3 * 5);
    assertThat(report.tally("acknowledged_included_once").checkedCount()).isEqualTo(5);
    assertThat(report.tally("nonces_contiguous").checkedCount()).isEqualTo(6);
    assertThat(report.tally("single_producer_per_term").checkedCount()).isEqualTo(4);
    assertThat(report.tally("single_producer_per_term").unverifiedCount()).isZero();
    assertThat(report.totals()).containsEntry("transactions_acknowledged", 5L).containsEntry("transactions_included", 6L)
        .containsEntry("height", 4L).containsEntry("faults", 2L);
  }

  @Test
  void plantedForkIsReported() {
    PlantedRun r = PlantedRun.healthy();
    List<ObjectNode> n3 = new ArrayList<>(r.blocks.subList(0, 4));
    // n3 has another block 4 on the same parent: same producer and term, different transactions
    ObjectNode other = PlantedRun.json(r.header(
        dev.raftseq.chain.types.Hash.fromHex(n3.get(3).get("hash").asText()), 4, PlantedRun.START_MS + 4 * 250L, 3, 1,
        99), List.of());
    n3.add(other);

    CheckReport report = Checker.check(r.history(), r.chains(Map.of("n3", n3)));

    assertThat(violationsByInvariant(report)).containsEntry("no_fork", 1L);
    assertThat(report.tally("no_fork").examples().get(0)).contains("fork at height 4").contains("n3");
    assertThat(report.valid()).isFalse();
  }

  @Test
  void lostAcknowledgementIsReported() {
    PlantedRun r = PlantedRun.healthy();
    Address d = sender(3);
    r.submit(d, 0, OpType.OK); // acknowledged, never sealed

    CheckReport report = check(r);

    assertThat(violationsByInvariant(report)).isEqualTo(Map.of("acknowledged_included_once", 1L));
    assertThat(report.tally("acknowledged_included_once").examples().get(0)).contains("lost");
  }

  @Test
  void duplicateInclusionIsReported() {
    PlantedRun r = PlantedRun.healthy();
    r.seal(1, 3, List.of(tx(sender(0), 1))); // a's nonce 1 again

    CheckReport report = check(r);

    assertThat(violationsByInvariant(report)).containsEntry("no_duplicates", 1L)
        .containsEntry("acknowledged_included_once", 1L).containsEntry("nonces_contiguous", 1L);
  }

  @Test
  void nonceGapIsReported() {
    PlantedRun r = PlantedRun.healthy();
    Address a = sender(0);
    r.submit(a, 3, OpType.OK);
    r.seal(1, 3, List.of(tx(a, 3))); // nonce 2 never came

    CheckReport report = check(r);

    assertThat(violationsByInvariant(report)).isEqualTo(Map.of("nonces_contiguous", 1L));
    assertThat(report.tally("nonces_contiguous").examples().get(0)).contains("nonce 3 where 2 was expected").contains("gap");
  }

  @Test
  void twoProducersInOneTermAreReported() {
    PlantedRun r = PlantedRun.healthy();
    Address b = sender(1);
    r.submit(b, 2, OpType.OK);
    r.seal(2, 3, List.of(tx(b, 2))); // n3 seals in term 3, which n2 leads

    CheckReport report = check(r);

    assertThat(violationsByInvariant(report)).containsEntry("single_producer_per_term", 2L);
    assertThat(report.tally("single_producer_per_term").examples())
        .anyMatch(e -> e.contains("term 3 has two producers: n2 and n3"));
  }

  @Test
  void producerThatStatusNeverShowedLeadingItsTermIsReported() {
    PlantedRun r = new PlantedRun();
    Address a = sender(0);
    r.status(0, true, 5, 0);
    r.submit(a, 0, OpType.OK);
    r.seal(1, 5, List.of(tx(a, 0))); // n2 seals term 5, led by n1
    r.liveness(true);

    assertThat(check(r).tally("single_producer_per_term").examples())
        .containsExactly("term 5: blocks sealed by n2 but status showed [n1] leading it");
  }

  @Test
  void twoLeadersSeenInOneTermAreReported() {
    PlantedRun r = PlantedRun.healthy();
    r.status(2, true, 3, 4);

    assertThat(violationsByInvariant(check(r))).containsKey("single_producer_per_term");
  }

  @Test
  void termUnseenByStatusIsUnverifiedNotViolated() {
    PlantedRun r = new PlantedRun();
    Address a = sender(0);
    r.submit(a, 0, OpType.OK);
    r.seal(1, 7, List.of(tx(a, 0)));
    r.liveness(true);

    CheckReport report = check(r);

    assertThat(report.valid()).as(report.toJsonString()).isTrue();
    assertThat(report.tally("single_producer_per_term").unverifiedCount()).isEqualTo(1);
  }

  @Test
  void transactionNoClientSubmittedIsReported() {
    PlantedRun r = PlantedRun.healthy();
    r.seal(1, 3, List.of(tx(sender(5), 0)));

    assertThat(violationsByInvariant(check(r))).isEqualTo(Map.of("no_phantoms", 1L));
  }

  @Test
  void definitelyRefusedTransactionIncludedIsReported() {
    PlantedRun r = PlantedRun.healthy();
    Address e = sender(4);
    r.submit(e, 0, OpType.FAIL);
    r.seal(1, 3, List.of(tx(e, 0)));

    assertThat(check(r).tally("no_phantoms").examples()).singleElement().asString().contains("refused");
  }

  @Test
  void timeGoingBackwardsIsReported() {
    PlantedRun r = PlantedRun.healthy();
    Address b = sender(1);
    r.submit(b, 2, OpType.OK);
    r.sealAt(1, 3, List.of(tx(b, 2)), PlantedRun.START_MS + 100); // before block 4's time

    assertThat(violationsByInvariant(check(r))).isEqualTo(Map.of("timestamps_monotonic", 1L));
  }

  @Test
  void blockFromTheFarFutureIsReportedUnlessAClockFaultExplainsIt() {
    PlantedRun r = PlantedRun.healthy();
    Address b = sender(1);
    r.submit(b, 2, OpType.OK);
    long future = r.ops.get(r.ops.size() - 1).wall() + 3_600_000;
    r.sealAt(1, 3, List.of(tx(b, 2)), future);
    r.liveness(true);
    assertThat(violationsByInvariant(check(r))).isEqualTo(Map.of("timestamps_monotonic", 1L));

    PlantedRun skewed = PlantedRun.healthy();
    skewed.record(Ops.NEMESIS, OpType.INFO, Ops.CLOCK,
        dev.raftseq.systest.history.HistoryJson.JSON.createObjectNode().put("node", "n2").put("offset_ms", 3_600_000));
    skewed.submit(b, 2, OpType.OK);
    skewed.sealAt(1, 3, List.of(tx(b, 2)), skewed.ops.get(skewed.ops.size() - 1).wall() + 3_600_000);
    skewed.liveness(true);
    CheckReport report = check(skewed);
    assertThat(report.valid()).as(report.toJsonString()).isTrue();
  }

  @Test
  void brokenParentLinkAndForgedHashAreReported() {
    PlantedRun r = PlantedRun.healthy();
    List<ObjectNode> n2 = new ArrayList<>();
    r.blocks.forEach(b -> n2.add(b.deepCopy()));
    n2.get(2).put("parentHash", n2.get(0).get("hash").asText()); // header now hashes differently
    CheckReport report = Checker.check(r.history(), r.chains(Map.of("n2", n2)));

    assertThat(report.tally("hash_chain").examples())
        .anyMatch(e -> e.startsWith("n2: block 2 reported hash"))
        .anyMatch(e -> e.startsWith("n2: block 2 parent"));
  }

  @Test
  void missingHeightIsReported() {
    PlantedRun r = PlantedRun.healthy();
    List<ObjectNode> n2 = new ArrayList<>(r.blocks);
    n2.remove(2);
    CheckReport report = Checker.check(r.history(), r.chains(Map.of("n2", n2)));

    assertThat(report.tally("hash_chain").examples()).anyMatch(e -> e.contains("block 3 where 2 was expected"));
  }

  @Test
  void accountStateDisagreeingWithTheChainIsReported() {
    PlantedRun r = PlantedRun.healthy();
    List<NodeChain> chains = new ArrayList<>(r.chains());
    NodeChain n3 = chains.get(2);
    Map<Address, AccountState> accounts = new java.util.LinkedHashMap<>(n3.accounts());
    accounts.put(sender(0), new AccountState(1, accounts.get(sender(0)).balance())); // sent 2
    chains.set(2, new NodeChain("n3", n3.blocks(), n3.accountsHead(), accounts));

    CheckReport report = Checker.check(r.history(), chains);

    assertThat(violationsByInvariant(report)).isEqualTo(Map.of("state_agreement", 2L)); // vs chain, vs n1
  }

  @Test
  void headGoingBackAcrossARestartIsReported() {
    PlantedRun r = PlantedRun.healthy();
    r.status(1, false, 3, 1); // n2 said head 2 earlier
    long index = r.ops.size() - 1;

    assertThat(check(r).tally("status_monotonic").examples()).containsExactly(
        "n2: head went back from 2 to 1 (history index " + index + ")");
  }

  @Test
  void aHeadLowerAfterAPowerCutIsExcusedOnceAndOnlyForTheNodesThatLostPower() {
    PlantedRun r = PlantedRun.healthy();
    r.powerCut("n2");
    r.status(1, false, 3, 1); // n2 said head 2 before its cut: it replays from its Raft log
    r.status(1, false, 3, 2);
    r.status(0, true, 3, 1); // n1 (head 4 before) kept its power: no excuse
    long n1Index = r.ops.size() - 1;
    r.status(1, false, 3, 1); // n2 again, with no new cut
    long n2Index = r.ops.size() - 1;
    r.powerCut("all");
    r.status(0, false, 3, 0);
    r.status(1, false, 3, 0);

    Tally t = check(r).tally("status_monotonic");
    assertThat(t.examples()).containsExactly("n1: head went back from 4 to 1 (history index " + n1Index + ")",
        "n2: head went back from 2 to 1 (history index " + n2Index + ")");
    assertThat(t.unverifiedCount()).isEqualTo(3);
  }

  @Test
  void aPollAnsweredWhileAPowerCutIsUnderWayDoesNotUseUpTheRestartsExcuse() {
    PlantedRun r = PlantedRun.healthy();
    r.powerCutStarts("n2");
    r.status(1, false, 3, 2); // n2 (head 2) still answered between the cut's first record and the kill
    r.powerCutDone("n2");
    r.status(1, false, 3, 1); // restarted, it replays from its Raft log
    r.status(1, false, 3, 2);

    Tally t = check(r).tally("status_monotonic");
    assertThat(t.violationCount()).isZero();
    assertThat(t.unverifiedCount()).isEqualTo(1);
  }

  @Test
  void noRecoveryAfterTheLastFaultIsReported() {
    PlantedRun r = PlantedRun.healthy();
    r.nemesis(Ops.PAUSE, 1);
    r.liveness(false);

    assertThat(violationsByInvariant(check(r))).isEqualTo(Map.of("liveness_after_healing", 1L));
  }

  @Test
  void nodesEndingAtDifferentHeadsAreReported() {
    PlantedRun r = PlantedRun.healthy();
    CheckReport report = Checker.check(r.history(), r.chains(Map.of("n3", r.blocks.subList(0, 3))));

    assertThat(report.tally("liveness_after_healing").examples()).containsExactly("n3 ended at head 2, n1 at 4");
  }
}
