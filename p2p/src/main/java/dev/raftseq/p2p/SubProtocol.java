package dev.raftseq.p2p;

/**
 * A capability's message handler. Callbacks run on the connection's event-loop thread, one at a
 * time per peer, and must not block: hand CPU-heavy or blocking work (decoding blocks, reading
 * the database) to another executor.
 */
public interface SubProtocol {
  Capability capability();

  /** The peer completed Hello and shares this capability. */
  void onConnected(Peer peer);

  /**
   * A message of this capability.
   *
   * @param code relative to the capability's first id
   */
  void onMessage(Peer peer, int code, byte[] data);

  /** The connection closed (after {@link #onConnected}). */
  void onDisconnected(Peer peer, DisconnectReason reason);
}
