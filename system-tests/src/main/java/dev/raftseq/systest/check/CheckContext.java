package dev.raftseq.systest.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.systest.history.History;
import dev.raftseq.systest.history.Op;
import dev.raftseq.systest.history.OpType;
import dev.raftseq.systest.history.Ops;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The history and the nodes' chains, indexed once for every invariant. */
final class CheckContext {
  final History history;
  final List<NodeChain> chains;
  /** The longest chain; with no fork every other chain is a prefix of it. */
  final NodeChain reference;
  final Map<String, ClusterMember> members = new LinkedHashMap<>();
  final Map<Address, ClusterMember> membersBySigner = new HashMap<>();
  final Set<Hash> invoked = new HashSet<>();
  final Set<Hash> acknowledged = new HashSet<>();
  /** Completion types of each transaction's submit requests. */
  final Map<Hash, EnumSet<OpType>> outcomes = new HashMap<>();
  final List<Op> statuses = new ArrayList<>();
  /** The largest forward offset any node's clock was given, in ms (0 without clock faults). */
  final long maxClockAheadMs;
  /** Wall time the chains were read (the last chains-read record, else the last record). */
  final long chainsReadWall;
  final long lastNemesisIndex;

  CheckContext(History history, List<NodeChain> chains) {
    this.history = history;
    this.chains = List.copyOf(chains);
    this.reference = chains.stream().max(Comparator.comparingLong(NodeChain::head)).orElse(null);
    long clockAhead = 0;
    long readWall = -1;
    long lastNemesis = -1;
    for (Op op : history.ops()) {
      switch (op.f()) {
        case Ops.CLUSTER -> readMembers(op);
        case Ops.SUBMIT -> readSubmit(op);
        case Ops.STATUS -> statuses.add(op);
        case Ops.CHAINS_READ -> readWall = op.wall();
        default -> { }
      }
      if (op.process().equals(Ops.NEMESIS)) {
        lastNemesis = op.index();
        if (op.f().equals(Ops.CLOCK)) {
          clockAhead = Math.max(clockAhead, op.number("offset_ms", 0));
        }
      }
    }
    this.maxClockAheadMs = clockAhead;
    this.lastNemesisIndex = lastNemesis;
    List<Op> ops = history.ops();
    this.chainsReadWall = readWall >= 0 ? readWall : ops.isEmpty() ? 0 : ops.get(ops.size() - 1).wall();
  }

  private void readMembers(Op op) {
    for (JsonNode n : op.value().path("nodes")) {
      ClusterMember m = new ClusterMember(n.path("name").asText(), n.path("node_id").asText(),
          Address.fromHex(n.path("signer").asText()));
      members.put(m.name(), m);
      membersBySigner.put(m.signer(), m);
    }
  }

  private void readSubmit(Op op) {
    String tx = op.text("tx");
    if (tx == null) {
      return;
    }
    Hash h = Hash.fromHex(tx);
    if (op.type() == OpType.INVOKE) {
      invoked.add(h);
      return;
    }
    outcomes.computeIfAbsent(h, k -> EnumSet.noneOf(OpType.class)).add(op.type());
    if (op.type() == OpType.OK) {
      acknowledged.add(h);
    }
  }

  /** How many times each transaction hash appears in the reference chain. */
  Map<Hash, Integer> inclusionCounts() {
    Map<Hash, Integer> counts = new HashMap<>();
    if (reference != null) {
      for (ChainBlock b : reference.blocks()) {
        for (TxRef t : b.transactions()) {
          counts.merge(t.hash(), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  String memberName(Address signer) {
    ClusterMember m = membersBySigner.get(signer);
    return m == null ? signer.toHex() : m.name();
  }
}
