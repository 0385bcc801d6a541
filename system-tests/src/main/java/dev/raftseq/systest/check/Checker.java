package dev.raftseq.systest.check;

import dev.raftseq.systest.history.History;
import dev.raftseq.systest.history.Op;
import dev.raftseq.systest.history.OpType;
import dev.raftseq.systest.history.Ops;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a campaign's history against the chains the nodes hold at the end (DESIGN.md's
 * invariants, numbered as in notes/style-and-testing.md §B.4). Pure: no I/O.
 */
public final class Checker {
  private static final List<Invariant> INVARIANTS = List.of(
      new NoFork(),
      new HashChain(),
      new StatusMonotonic(),
      new SingleProducerPerTerm(),
      new AcknowledgedIncludedOnce(),
      new NoDuplicates(),
      new NoncesContiguous(),
      new NoPhantoms(),
      new TimestampsMonotonic(),
      new StateAgreement(),
      new LivenessAfterHealing());

  private Checker() {}

  public static CheckReport check(History history, List<NodeChain> chains) {
    CheckContext ctx = new CheckContext(history, chains);
    List<Tally> tallies = new ArrayList<>();
    for (Invariant inv : INVARIANTS) {
      Tally t = new Tally(inv.name());
      inv.check(ctx, t);
      tallies.add(t);
    }
    return new CheckReport(tallies, totals(ctx));
  }

  private static Map<String, Long> totals(CheckContext ctx) {
    Map<String, Long> m = new LinkedHashMap<>();
    long requests = ctx.history.of(Ops.SUBMIT).filter(o -> o.type() == OpType.INVOKE).count();
    m.put("submit_requests", requests);
    m.put("submit_ok", count(ctx, OpType.OK));
    m.put("submit_fail", count(ctx, OpType.FAIL));
    m.put("submit_info", count(ctx, OpType.INFO));
    m.put("transactions_submitted", (long) ctx.invoked.size());
    m.put("transactions_acknowledged", (long) ctx.acknowledged.size());
    m.put("transactions_included", ctx.inclusionCounts().values().stream().mapToLong(Integer::longValue).sum());
    m.put("nodes", (long) ctx.chains.size());
    m.put("height", ctx.reference == null ? -1 : ctx.reference.head());
    m.put("faults", ctx.history.stream().filter(o -> o.process().equals(Ops.NEMESIS)).count());
    m.put("leader_observations", ctx.statuses.stream().filter(o -> o.flag("is_leader")).count());
    return m;
  }

  private static long count(CheckContext ctx, OpType type) {
    return ctx.history.of(Ops.SUBMIT).filter((Op o) -> o.type() == type).count();
  }
}
