package dev.raftseq.p2p.rlpx;

/**
 * A handshake message that cannot be accepted: malformed, not decryptable with our key, a bad
 * signature, or a peer proving another identity than the one dialled. The connection is closed.
 */
public final class HandshakeException extends Exception {
  private static final long serialVersionUID = 1L;

  public HandshakeException(String message) {
    super(message);
  }

  public HandshakeException(String message, Throwable cause) {
    super(message, cause);
  }
}
