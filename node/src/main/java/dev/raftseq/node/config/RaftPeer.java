package dev.raftseq.node.config;

import java.util.Objects;

/**
 * A Raft group member: its node id, its p2p address (from its enode in network.boot_nodes) and its
 * Raft address (same host, enode port + consensus.raft_port_offset).
 */
public record RaftPeer(String nodeId, HostPort p2pAddress, HostPort raftAddress) {
  public RaftPeer {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(p2pAddress, "p2pAddress");
    Objects.requireNonNull(raftAddress, "raftAddress");
  }
}
