package dev.raftseq.p2p.sync;

import dev.raftseq.chain.types.Hash;
import dev.raftseq.p2p.DisconnectReason;
import dev.raftseq.p2p.Peer;

/**
 * What a block downloader hears from {@link ZksProtocol}. Called on the peer's event-loop thread:
 * implementations must only record and hand off, never block or decode blocks there.
 */
public interface SyncListener {
  SyncListener NONE = new SyncListener() {};

  /** The peer exchanged Status and is on our chain. */
  default void onPeerReady(Peer peer, long headNumber, Hash headHash) {}

  /** The peer pushed a block it applied (its encoding, not yet verified). */
  default void onNewBlock(Peer peer, long number, Hash hash, byte[] block) {}

  /** The peer announced its new head. */
  default void onNewHead(Peer peer, long number, Hash hash) {}

  /** The peer disconnected (reason as sent or received). */
  default void onPeerGone(Peer peer, DisconnectReason reason) {}
}
