package dev.raftseq.batcher.attest;

import dev.raftseq.chain.types.Address;
import java.util.HashSet;
import java.util.List;

/**
 * The consensus nodes' addresses (keccak of each node key's public key), in the order the L1
 * contract registered them. A batch is proven by signatures of {@link #quorum} distinct members.
 */
public record Committee(List<Address> members) {
  public Committee {
    members = List.copyOf(members);
    if (members.isEmpty() || members.size() > 256) {
      throw new IllegalArgumentException("a committee has 1 to 256 members, got " + members.size());
    }
    if (new HashSet<>(members).size() != members.size()) {
      throw new IllegalArgumentException("committee members must be distinct: " + members);
    }
  }

  /** More than half. */
  public int quorum() {
    return members.size() / 2 + 1;
  }

  public boolean contains(Address a) {
    return members.contains(a);
  }

  public int indexOf(Address a) {
    return members.indexOf(a);
  }
}
