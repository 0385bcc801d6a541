package dev.raftseq.p2p.rlpx;

import dev.raftseq.chain.rlp.RlpException;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;

/**
 * The initiator's handshake body (EIP-8): {@code [sig, initiator-pubk, initiator-nonce, auth-vsn,
 * ...]}. {@code sig} is the initiator's ephemeral key's recoverable signature (r || s || v, v in
 * {0, 1}) of {@code static-shared-secret ^ initiator-nonce}.
 */
public record AuthMessage(byte[] signature, byte[] initiatorPublicKey, byte[] nonce, long version) {
  public AuthMessage {
    check(signature, 65, "signature");
    check(initiatorPublicKey, 64, "initiator public key");
    check(nonce, 32, "nonce");
  }

  public byte[] encode() {
    return new RlpWriter(200).startList().writeBytes(signature).writeBytes(initiatorPublicKey).writeBytes(nonce)
        .writeLong(version).endList().toByteArray();
  }

  /**
   * Decodes the first RLP list of a decrypted body. Per EIP-8, a different version, further list
   * elements and the padding after the list are ignored.
   */
  public static AuthMessage decode(byte[] plaintext) throws RlpException {
    RlpReader r = RlpReader.of(plaintext).readList("auth body");
    return new AuthMessage(r.readFixedBytes("auth signature", 65), r.readFixedBytes("initiator public key", 64),
        r.readFixedBytes("initiator nonce", 32), r.readLong("auth version"));
  }

  static void check(byte[] b, int length, String what) {
    if (b.length != length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + b.length);
    }
  }
}
