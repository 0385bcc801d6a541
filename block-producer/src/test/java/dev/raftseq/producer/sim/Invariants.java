package dev.raftseq.producer.sim;

import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What must hold after every simulated step (TigerBeetle's StateChecker, Kafka's simulation
 * invariants), with watermarks so each step costs only what changed:
 *
 * <ul>
 *   <li>no fork: one block hash per height across all nodes, ever; each block's parent is the block
 *       below it and its timestamp is not before its parent's;
 *   <li>one producer per term, and it was that term's leader;
 *   <li>nodes that applied the same log prefix hold the same head and the same committed set;
 *   <li>every acknowledged transaction is, on every node that applied the entry that acknowledged it,
 *       either in the chain or in the committed set (itself, or a replacement its client sent for the
 *       same sender and nonce); no transaction is in the chain twice, and every one in it was
 *       submitted by a client;
 *   <li>no node halts (nothing here should make a correct node diverge).
 * </ul>
 */
final class Invariants {
  private final SimCluster cluster;
  private final Map<Long, Hash> canonical = new HashMap<>();
  private final Map<Long, Long> timestamps = new HashMap<>();
  private final Map<Hash, Long> includedAt = new HashMap<>();
  private final Map<Long, Address> producers = new HashMap<>();
  private final Map<Long, Address> leaders = new HashMap<>();
  private final Map<Long, String> fingerprints = new HashMap<>();
  private final Map<Integer, Long> checkedHeight = new HashMap<>();
  /** Per node: acknowledged transactions whose slot is not yet used in its chain (the ones to watch). */
  private final Map<Integer, Set<Hash>> unsettled = new HashMap<>();
  private final Set<Hash> submitted = new HashSet<>();
  /** Acknowledged transactions and the log length when the acknowledgement arrived. */
  private final Map<Hash, Long> acknowledged = new HashMap<>();
  private final Map<Hash, RecoveredTx> byHash = new HashMap<>();
  /** Every version a client submitted for one sender and nonce. */
  private final Map<Slot, Set<Hash>> versions = new HashMap<>();
  /** Per node: the applied index its acknowledged transactions were last checked at. */
  private final Map<Integer, Long> ackCheckedAt = new HashMap<>();
  private final List<String> violations = new ArrayList<>();
  private int refusedDefinitely;
  private int outcomeUnknown;

  Invariants(SimCluster cluster) {
    this.cluster = cluster;
  }

  void violation(String what) {
    violations.add("t=" + cluster.now + " " + what);
  }

  List<String> violations() {
    return violations;
  }

  void leaderOf(long term, Address key) {
    leaders.put(term, key);
  }

  void submitted(RecoveredTx tx) {
    submitted.add(tx.hash());
    byHash.put(tx.hash(), tx);
    versions.computeIfAbsent(slot(tx), k -> new HashSet<>()).add(tx.hash());
  }

  void acknowledged(RecoveredTx tx, long sentAt) {
    if (acknowledged.putIfAbsent(tx.hash(), (long) cluster.log.size()) == null) {
      for (SimCluster.Node n : cluster.nodes) {
        unsettled.computeIfAbsent(n.id, k -> new HashSet<>()).add(tx.hash());
      }
    }
  }

  void refused(RecoveredTx tx, boolean unknown) {
    if (unknown) {
      outcomeUnknown++;
    } else {
      refusedDefinitely++;
    }
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  int outcomeUnknown() {
    return outcomeUnknown;
  }

  int refusedDefinitely() {
    return refusedDefinitely;
  }

  /** A node applied entry {@code index}: what it holds now must be what any other node held there. */
  void applied(SimCluster.Node n, long index) {
    Block head = n.store.head();
    String fingerprint = head.number() + " " + head.hash() + " pool " + n.core.pool().size() + " "
        + poolDigest(n);
    String seen = fingerprints.putIfAbsent(index, fingerprint);
    if (seen != null && !seen.equals(fingerprint)) {
      violation("nodes differ after entry " + index + ": " + seen + " vs node " + n.id + " " + fingerprint);
    }
  }

  private static String poolDigest(SimCluster.Node n) {
    List<RecoveredTx> all = new ArrayList<>(n.core.pool().pendingTransactions());
    all.addAll(n.core.pool().queuedTransactions());
    long x = 0;
    for (RecoveredTx t : all) {
      x ^= t.hash().hashCode() * 31L + 7;
    }
    return Long.toHexString(x);
  }

  void crashed(SimCluster.Node n) {
    checkedHeight.put(n.id, Math.min(checkedHeight.getOrDefault(n.id, 0L), n.store.head().number()));
    unsettled.put(n.id, new HashSet<>(acknowledged.keySet())); // its chain may have lost blocks
    ackCheckedAt.remove(n.id);
  }

  /** After every step. */
  void check() {
    for (SimCluster.Node n : cluster.nodes) {
      long from = checkedHeight.getOrDefault(n.id, 0L) + 1;
      long head = n.store.head().number();
      for (long h = from; h <= head; h++) {
        checkBlock(n, n.store.blockByNumber(h).orElseThrow());
      }
      checkedHeight.put(n.id, Math.max(head, from - 1));
      if (n.up && ackCheckedAt.getOrDefault(n.id, -1L) != n.applied) {
        checkAcknowledged(n); // nothing leaves a committed set but by applying an entry
        ackCheckedAt.put(n.id, n.applied);
      }
    }
  }

  private void checkBlock(SimCluster.Node n, Block b) {
    Hash seen = canonical.putIfAbsent(b.number(), b.hash());
    if (seen != null) {
      if (!seen.equals(b.hash())) {
        violation("fork at height " + b.number() + ": " + seen + " vs " + b.hash() + " on node " + n.id);
      }
      return;
    }
    Hash parent = canonical.get(b.number() - 1);
    if (b.number() > 1 && !b.header().parentHash().equals(parent)) {
      violation("block " + b.number() + " does not link to block " + (b.number() - 1));
    }
    long millis = SealFields.timestampMillis(b.header());
    Long before = timestamps.get(b.number() - 1);
    if (before != null && millis < before) {
      violation("block " + b.number() + " timestamp " + millis + " before its parent's " + before);
    }
    timestamps.put(b.number(), millis);
    long term = SealFields.term(b.header());
    Address signer = SimCluster.signer(b);
    Address producer = producers.putIfAbsent(term, signer);
    if (producer != null && !producer.equals(signer)) {
      violation("two producers in term " + term + ": " + producer + " and " + signer);
    }
    if (!signer.equals(leaders.get(term))) {
      violation("block " + b.number() + " sealed in term " + term + " by " + signer + ", not that term's leader");
    }
    for (RecoveredTx tx : b.transactions()) {
      if (includedAt.putIfAbsent(tx.hash(), b.number()) != null) {
        violation(tx + " included twice (blocks " + includedAt.get(tx.hash()) + " and " + b.number() + ")");
      }
      if (!submitted.contains(tx.hash())) {
        violation(tx + " included but never submitted");
      }
    }
  }

  /**
   * An acknowledged transaction can leave a node's committed set only while that node applies an
   * entry, and once its slot is used in the node's chain it stays (until a crash reverts the chain):
   * so only the unsettled ones are looked at, which keeps this check cheap enough for every step.
   */
  private void checkAcknowledged(SimCluster.Node n) {
    Set<Hash> watched = unsettled.getOrDefault(n.id, Set.of());
    for (java.util.Iterator<Hash> it = watched.iterator(); it.hasNext(); ) {
      Hash hash = it.next();
      long ackedAt = acknowledged.get(hash);
      if (n.applied < ackedAt) {
        continue;
      }
      RecoveredTx tx = byHash.get(hash);
      if (inChain(n, tx)) {
        it.remove();
      } else if (!keptOrReplaced(n, tx)) {
        violation("acknowledged " + tx + " is neither in the chain nor held by node " + n.id + " (applied "
            + n.applied + ", acknowledged by " + ackedAt + ")");
      }
    }
  }

  private boolean inChain(SimCluster.Node n, RecoveredTx tx) {
    for (Hash version : versions.getOrDefault(slot(tx), Set.of())) {
      if (n.store.transactionLocation(version).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * In the chain or the committed set, itself or a replacement the client sent for the same sender and
   * nonce (which is how an acknowledged transaction may legitimately leave).
   */
  private boolean keptOrReplaced(SimCluster.Node n, RecoveredTx tx) {
    for (Hash version : versions.getOrDefault(slot(tx), Set.of())) {
      if (n.store.transactionLocation(version).isPresent() || n.core.pool().contains(version)) {
        return true;
      }
    }
    return false;
  }

  private record Slot(dev.raftseq.chain.types.Address sender, long nonce) {}

  private static Slot slot(RecoveredTx tx) {
    return new Slot(tx.sender(), tx.tx().nonce());
  }

  /** At the end, after healing: every node has every entry, and every acknowledged tx is included or held. */
  void checkSettled() {
    long logSize = cluster.log.size();
    for (SimCluster.Node n : cluster.nodes) {
      if (n.halted == null && n.applied != logSize) {
        violation("node " + n.id + " applied " + n.applied + " of " + logSize + " entries after healing");
      }
    }
    Set<Hash> heads = new HashSet<>();
    for (SimCluster.Node n : cluster.nodes) {
      heads.add(n.store.head().hash());
    }
    if (heads.size() != 1) {
      violation("nodes did not converge on one head after healing: " + heads);
    }
  }
}
