package dev.raftseq.systest.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.systest.history.HistoryJson;
import java.util.List;
import java.util.Map;

/**
 * The checker's verdict: one tally per invariant, plus the run's totals.
 *
 * @param totals counts describing the run (operations, acknowledged transactions, heights...)
 */
public record CheckReport(List<Tally> invariants, Map<String, Long> totals) {
  public CheckReport {
    invariants = List.copyOf(invariants);
    totals = Map.copyOf(totals);
  }

  public boolean valid() {
    return invariants.stream().allMatch(t -> t.violationCount() == 0);
  }

  public long violations() {
    return invariants.stream().mapToLong(Tally::violationCount).sum();
  }

  public Tally tally(String name) {
    return invariants.stream().filter(t -> t.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no invariant " + name));
  }

  public ObjectNode toJson() {
    ObjectNode o = HistoryJson.JSON.createObjectNode();
    o.put("valid", valid());
    o.put("violations", violations());
    ObjectNode tot = o.putObject("totals");
    totals.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> tot.put(e.getKey(), e.getValue()));
    ObjectNode inv = o.putObject("invariants");
    for (Tally t : invariants) {
      ObjectNode i = inv.putObject(t.name());
      i.put("checked", t.checkedCount());
      i.put("violations", t.violationCount());
      if (t.unverifiedCount() > 0) {
        i.put("unverified", t.unverifiedCount());
      }
      if (!t.examples().isEmpty()) {
        t.examples().forEach(i.putArray("examples")::add);
      }
    }
    return o;
  }

  public String toJsonString() {
    try {
      return HistoryJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
