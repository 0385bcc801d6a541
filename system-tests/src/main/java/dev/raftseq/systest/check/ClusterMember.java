package dev.raftseq.systest.check;

import dev.raftseq.chain.types.Address;

/** A consensus node as the harness configured it: its name, Raft/enode id and sealing address. */
public record ClusterMember(String name, String nodeId, Address signer) {}
