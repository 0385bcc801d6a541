package dev.raftseq.p2p;

import java.time.Instant;

/** A connected peer, for {@code /status} and metrics. */
public record PeerInfo(NodeId id, String remoteAddress, boolean inbound, String clientId, Instant connectedAt) {}
