package dev.raftseq.p2p;

/** devp2p Disconnect reasons (rlpx.md, "Disconnect (0x01)"). */
public enum DisconnectReason {
  REQUESTED(0x00),
  TCP_ERROR(0x01),
  BREACH_OF_PROTOCOL(0x02),
  USELESS_PEER(0x03),
  TOO_MANY_PEERS(0x04),
  ALREADY_CONNECTED(0x05),
  INCOMPATIBLE_VERSION(0x06),
  NULL_IDENTITY(0x07),
  CLIENT_QUITTING(0x08),
  UNEXPECTED_IDENTITY(0x09),
  CONNECTED_TO_SELF(0x0a),
  PING_TIMEOUT(0x0b),
  SUBPROTOCOL_ERROR(0x10),
  /** A code this version does not know (the peer may be newer). */
  UNKNOWN(-1);

  private final int code;

  DisconnectReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static DisconnectReason of(long code) {
    for (DisconnectReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return UNKNOWN;
  }
}
