package dev.raftseq.p2p.sync;

import dev.raftseq.chain.types.Hash;
import dev.raftseq.p2p.Peer;

/** The newest head a peer told us about (Status, NewBlock or NewHead). */
public record PeerHead(Peer peer, long number, Hash hash) {}
