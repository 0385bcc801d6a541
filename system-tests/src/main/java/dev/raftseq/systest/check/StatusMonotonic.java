package dev.raftseq.systest.check;

import dev.raftseq.systest.history.Op;
import dev.raftseq.systest.history.Ops;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Invariant 3: each node's committed head and Raft term, as its status polls showed them, never
 * decrease, across restarts included. One excuse: the first head a node shows after its power was
 * cut (after the cut was complete) may be lower (a consensus node's chain database does not sync each block: the synced Raft
 * log holds them and the node applies them again; no_fork checks they come back the same). That
 * poll counts as unverified, and from it on the head must grow again. Terms have no excuse.
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
    // a cut counts from the nemesis's second record (what lossyfs rolled back), written once the
    // processes are dead: a poll answered between the two records is the old process still running
    // (campaign seed 71209 saw one), and must not use up the excuse of the restart's first poll
    List<Op> cuts = ctx.history.of(Ops.POWER_CUT).filter(o -> o.text("rolled_back") != null).toList();
    Set<String> powerLost = new HashSet<>();
    int nextCut = 0;
    for (Op s : ctx.statuses) {
      for (; nextCut < cuts.size() && cuts.get(nextCut).index() < s.index(); nextCut++) {
        String cut = cuts.get(nextCut).text("nodes");
        if ("all".equals(cut)) {
          powerLost.addAll(head.keySet());
        } else if (cut != null) {
          powerLost.add(cut);
        }
      }
      if (!s.flag("up")) {
        continue;
      }
      t.checked();
      String node = s.text("node");
      long h = s.number("head", -1);
      long tm = s.number("term", -1);
      if (powerLost.remove(node) && head.containsKey(node) && h < head.get(node)) {
        t.unverified();
        head.put(node, h);
      }
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
