package dev.raftseq.producer;

import dev.raftseq.chain.types.Address;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Nonces this node acknowledged and may not have applied yet: the group committed them, but a
 * follower learns of the commit a moment after the leader, and a client that asks this node for its
 * "pending" nonce right after the acknowledgement must not get the old one. Forgotten once this
 * node's own view counts them.
 */
final class LocalSubmissions {
  private final Map<Address, NavigableSet<Long>> bySender = new HashMap<>();

  synchronized void acknowledged(Address sender, long nonce) {
    bySender.computeIfAbsent(sender, a -> new TreeSet<>()).add(nonce);
  }

  /** The next nonce counting acknowledged ones contiguous with {@code counted} (the pool's answer). */
  synchronized long pendingNonce(Address sender, long counted) {
    NavigableSet<Long> acked = bySender.get(sender);
    if (acked == null) {
      return counted;
    }
    acked.headSet(counted, false).clear();
    if (acked.isEmpty()) {
      bySender.remove(sender);
      return counted;
    }
    long next = counted;
    while (acked.contains(next)) {
      next++;
    }
    return next;
  }

  /** A block included {@code sender}'s transaction with {@code nonce}: that nonce and the ones before are counted now. */
  synchronized void included(Address sender, long nonce) {
    NavigableSet<Long> acked = bySender.get(sender);
    if (acked != null) {
      acked.headSet(nonce, true).clear();
      if (acked.isEmpty()) {
        bySender.remove(sender);
      }
    }
  }

  synchronized int size() {
    return bySender.values().stream().mapToInt(NavigableSet::size).sum();
  }
}
