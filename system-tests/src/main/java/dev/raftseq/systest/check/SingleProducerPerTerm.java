package dev.raftseq.systest.check;

import dev.raftseq.chain.types.Address;
import dev.raftseq.systest.history.Op;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Invariant 4: every sealed block carries a valid seal by a cluster member; all blocks of one
 * Raft term have the same signer; terms never decrease along the chain; and the signer of a term
 * is the node the status polls saw leading that term (a term no poll saw is counted as
 * unverified, not as a violation). Two nodes seen leading the same term also violate it.
 */
final class SingleProducerPerTerm implements Invariant {
  @Override
  public String name() {
    return "single_producer_per_term";
  }

  @Override
  public void check(CheckContext ctx, Tally t) {
    Map<Long, Set<String>> observedLeaders = new HashMap<>();
    for (Op s : ctx.statuses) {
      // is_leader (the producing flag) and the term are read apart by the node: a node that just
      // stepped down may show its old flag with the new term, so Ratis's role must agree too
      if (s.flag("up") && s.flag("is_leader") && !"Follower".equals(s.text("raft_state"))
          && !"Candidate".equals(s.text("raft_state"))) {
        observedLeaders.computeIfAbsent(s.number("term", -1), k -> new HashSet<>()).add(s.text("node"));
      }
    }
    observedLeaders.forEach((term, nodes) -> {
      if (nodes.size() > 1) {
        t.violation("term %d: status showed several leaders %s", term, nodes);
      }
    });
    if (ctx.reference == null) {
      return;
    }
    Map<Long, Set<Address>> producers = new HashMap<>();
    long lastTerm = 0;
    for (ChainBlock b : ctx.reference.blocks()) {
      if (b.number() == 0) {
        continue;
      }
      t.checked();
      if (b.signer().isEmpty()) {
        t.violation("block %d: seal does not verify: %s", b.number(), b.sealError().orElse("?"));
        continue;
      }
      Address signer = b.signer().get();
      if (!ctx.members.isEmpty() && !ctx.membersBySigner.containsKey(signer)) {
        t.violation("block %d: sealed by %s, which is no cluster member", b.number(), signer);
      }
      if (b.term() < lastTerm) {
        t.violation("block %d: term %d after a block of term %d", b.number(), b.term(), lastTerm);
      }
      lastTerm = Math.max(lastTerm, b.term());
      Set<Address> signers = producers.computeIfAbsent(b.term(), k -> new java.util.LinkedHashSet<>());
      if (signers.add(signer) && signers.size() > 1) {
        t.violation("term %d has two producers: %s and %s (block %d)", b.term(),
            ctx.memberName(signers.iterator().next()), ctx.memberName(signer), b.number());
      }
    }
    producers.forEach((term, signers) -> {
      Set<String> seen = observedLeaders.getOrDefault(term, Set.of());
      for (Address signer : signers) {
        String name = ctx.memberName(signer);
        if (seen.isEmpty()) {
          t.unverified();
        } else if (!seen.contains(name)) {
          t.violation("term %d: blocks sealed by %s but status showed %s leading it", term, name, seen);
        }
      }
    });
  }
}
