package dev.raftseq.p2p.rlpx;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.p2p.NodeId;
import java.util.Random;

/** Fixed keys and sessions for the fuzz targets: the EIP-8 vector keys, so the vectors are seeds. */
final class FuzzKeys {
  static final NodeKey A = NodeKey.fromHex("49a7b37aa6f6645917e7b807e9d1c00d4fa71f18343b0d4122a4d2df64dd6fee");
  static final NodeKey B = NodeKey.fromHex("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");
  static final byte[] EPHEMERAL_A = Hex.decode("869d6ecf5211f1cc60418a13b9d870b22959d0c16f02bec714c960dd2298a32d");
  static final byte[] NONCE_A = Hex.decode("7e968bba13b6c50e2c4cd7f241cc0d64d1ac25c7f5952df231ac6a2bda8ee5d6");

  private FuzzKeys() {}

  /** A completed handshake between A and B with seeded randomness: {initiator's, recipient's} secrets. */
  static Secrets[] session() {
    try {
      Random random = new Random(42);
      Handshake.Initiator a = new Handshake.Initiator(A, NodeId.of(B), random);
      Handshake.Recipient b = new Handshake.Recipient(B, random);
      byte[] ack = b.onAuth(a.authPacket());
      return new Secrets[] {a.onAck(ack), b.secrets()};
    } catch (HandshakeException e) {
      throw new IllegalStateException(e);
    }
  }
}
