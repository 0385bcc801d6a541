package dev.raftseq.p2p.wire;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.p2p.DisconnectReason;

/** The base protocol's Disconnect (0x01): {@code [reason]}; the reason is optional. */
public final class Disconnect {
  private Disconnect() {}

  public static byte[] encode(DisconnectReason reason) {
    return new RlpWriter(4).startList().writeLong(Math.max(0, reason.code())).endList().toByteArray();
  }

  /** An empty list means "requested"; an unknown code maps to {@link DisconnectReason#UNKNOWN}. */
  public static DisconnectReason decode(byte[] data) throws DecodeException {
    RlpReader top = RlpReader.of(data);
    if (!top.nextIsList()) {
      // some implementations send the bare reason
      long code = top.readLong("disconnect reason");
      top.requireEnd("disconnect");
      return DisconnectReason.of(code);
    }
    RlpReader r = top.readList("disconnect");
    top.requireEnd("disconnect");
    return r.hasNext() ? DisconnectReason.of(r.readLong("disconnect reason")) : DisconnectReason.REQUESTED;
  }
}
