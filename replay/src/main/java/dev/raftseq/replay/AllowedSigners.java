package dev.raftseq.replay;

import dev.raftseq.chain.types.Address;
import dev.raftseq.p2p.Enode;
import dev.raftseq.p2p.NodeId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The sequencer keys whose seals replay accepts: the consensus peer ids when configured,
 * otherwise the ids of the boot nodes this node was told to trust; never this node's own id (a
 * node must not accept a block "signed by itself" from someone else).
 */
public record AllowedSigners(Set<Address> addresses) implements Predicate<Address> {
  public AllowedSigners {
    addresses = Set.copyOf(addresses);
  }

  public static AllowedSigners of(Collection<NodeId> consensusPeerIds, Collection<Enode> bootNodes, NodeId self) {
    Set<Address> out = new LinkedHashSet<>();
    if (!consensusPeerIds.isEmpty()) {
      consensusPeerIds.stream().filter(id -> !id.equals(self)).forEach(id -> out.add(id.address()));
    } else {
      bootNodes.stream().map(Enode::id).filter(id -> !id.equals(self)).forEach(id -> out.add(id.address()));
    }
    return new AllowedSigners(out);
  }

  @Override
  public boolean test(Address a) {
    return addresses.contains(a);
  }
}
