package dev.raftseq.status;

import java.util.Objects;

/** A Raft group member as /status lists it: node id ({@code 0x} + 128 hex) and host:port. */
public record PeerStatus(String nodeId, String address) {
  public PeerStatus {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(address, "address");
  }
}
