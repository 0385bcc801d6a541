package dev.raftseq.p2p.sync;

import dev.raftseq.p2p.DisconnectReason;
import dev.raftseq.p2p.Peer;

/** A request failed because the peer disconnected (or was never ready). */
public final class PeerGoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PeerGoneException(Peer peer, DisconnectReason reason) {
    super("peer " + peer + " is gone (" + reason + ")");
  }
}
