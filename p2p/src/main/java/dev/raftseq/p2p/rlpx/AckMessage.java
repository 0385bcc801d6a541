package dev.raftseq.p2p.rlpx;

import dev.raftseq.chain.rlp.RlpException;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;

/** The recipient's handshake body (EIP-8): {@code [recipient-ephemeral-pubk, recipient-nonce, ack-vsn, ...]}. */
public record AckMessage(byte[] ephemeralPublicKey, byte[] nonce, long version) {
  public AckMessage {
    AuthMessage.check(ephemeralPublicKey, 64, "ephemeral public key");
    AuthMessage.check(nonce, 32, "nonce");
  }

  public byte[] encode() {
    return new RlpWriter(120).startList().writeBytes(ephemeralPublicKey).writeBytes(nonce).writeLong(version)
        .endList().toByteArray();
  }

  /** Like {@link AuthMessage#decode}: version, extra elements and padding are ignored. */
  public static AckMessage decode(byte[] plaintext) throws RlpException {
    RlpReader r = RlpReader.of(plaintext).readList("ack body");
    return new AckMessage(r.readFixedBytes("recipient ephemeral public key", 64), r.readFixedBytes("recipient nonce", 32),
        r.readLong("ack version"));
  }
}
