package dev.raftseq.chain.types;

import java.util.List;

/** One EIP-2930 access list entry. */
public record AccessTuple(Address address, List<Hash> storageKeys) {
  public AccessTuple {
    storageKeys = List.copyOf(storageKeys);
  }
}
