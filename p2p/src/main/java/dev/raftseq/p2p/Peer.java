package dev.raftseq.p2p;

/**
 * A connected peer as a sub-protocol sees it: its proven id and a way to send. Sending is
 * asynchronous and may be called from any thread; messages to one peer keep their order. A
 * message sent after the connection closed is dropped.
 */
public interface Peer {
  NodeId id();

  /** {@code host:port} of the remote end of the TCP connection. */
  String remoteAddress();

  /** Whether the peer dialled us. */
  boolean inbound();

  /** The peer's Hello client id. */
  String clientId();

  /**
   * Sends a message of this peer's shared capability.
   *
   * @param code the message code relative to the capability (0 = its first message)
   * @param data the RLP payload (compressed on the wire)
   */
  void send(int code, byte[] data);

  /** Sends Disconnect with the reason and closes; {@code why} goes to the log. */
  void disconnect(DisconnectReason reason, String why);

  boolean isOpen();
}
