package dev.raftseq.producer;

import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hex;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The keys allowed to seal blocks at the apply path's position in the log: the consensus members
 * the log named last (its latest configuration entry), or, until it has named any, the keys the node
 * was configured with. Updated only by the apply path, in log order, so every node checks a block at
 * a given log index against the same members.
 */
final class SealerSet implements Predicate<Address> {
  private final Predicate<Address> configured;
  private volatile Set<Address> members;

  /**
   * @param configured the keys allowed before the log names members (the static peer list, or the
   *     single sequencer's own key)
   * @param recorded the members recorded in the database at its applied index, if any
   */
  SealerSet(Predicate<Address> configured, Optional<List<String>> recorded) {
    this.configured = configured;
    this.members = recorded.map(SealerSet::addresses).orElse(null);
  }

  @Override
  public boolean test(Address signer) {
    Set<Address> m = members;
    return m == null ? configured.test(signer) : m.contains(signer);
  }

  /** Makes {@code memberIds} the allowed sealers; returns whether that changed them. */
  boolean update(List<String> memberIds) {
    Set<Address> next = addresses(memberIds);
    boolean changed = !next.equals(members);
    members = next;
    return changed;
  }

  /** The sealing address of a node id ({@code 0x} + 128 hex, the 64-byte public key). */
  static Address addressOf(String nodeId) {
    byte[] key = Hex.decode(nodeId);
    if (key.length != 64) {
      throw new IllegalArgumentException("a node id is a 64-byte public key, got " + nodeId);
    }
    return Secp256k1.addressOf(key);
  }

  private static Set<Address> addresses(List<String> memberIds) {
    Set<Address> out = new HashSet<>();
    for (String id : memberIds) {
      out.add(addressOf(id));
    }
    return Set.copyOf(out);
  }
}
