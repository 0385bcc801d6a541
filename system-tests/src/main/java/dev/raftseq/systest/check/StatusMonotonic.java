package dev.raftseq.systest.check;

import dev.raftseq.systest.history.Op;
import java.util.HashMap;
import java.util.Map;

/**
 * Invariant 3: each node's committed head and Raft term, as its status polls showed them, never
 * decrease, across restarts included.
 */
final class StatusMonotonic implements Invariant {
  @Override
  public String name() {
    return "status_monotonic";
  }

  @Override
  public void check(CheckContext ctx, Tally t) {
    Map<String, Long> head = new HashMap<>();
    Map<String, Long> term = new HashMap<>();
    for (Op s : ctx.statuses) {
      if (!s.flag("up")) {
        continue;
      }
      t.checked();
      String node = s.text("node");
      long h = s.number("head", -1);
      long tm = s.number("term", -1);
      Long prevHead = head.put(node, Math.max(h, head.getOrDefault(node, -1L)));
      Long prevTerm = term.put(node, Math.max(tm, term.getOrDefault(node, -1L)));
      if (prevHead != null && h < prevHead) {
        t.violation("%s: head went back from %d to %d (history index %d)", node, prevHead, h, s.index());
      }
      if (prevTerm != null && tm < prevTerm) {
        t.violation("%s: term went back from %d to %d (history index %d)", node, prevTerm, tm, s.index());
      }
    }
  }
}
