package dev.raftseq.p2p.rlpx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.p2p.NodeId;
import java.util.Arrays;
import java.util.Random;

/**
 * Fuzzes what a peer sends before any session key exists: auth (to a recipient), ack (to an
 * initiator), and their bodies once decrypted. Only the declared exceptions may escape. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl p2p test -Dtest=HandshakeFuzzTest#auth}.
 */
class HandshakeFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void auth(byte[] packet) {
    try {
      new Handshake.Recipient(FuzzKeys.B, new Random(1)).onAuth(packet);
    } catch (HandshakeException expected) {
      // refusing is fine
    }
  }

  /** The bytes as the plaintext of an auth correctly encrypted to B: reaches the body decoder and signature recovery. */
  @FuzzTest(maxDuration = "5m")
  void authPlaintext(byte[] body) {
    if (body.length > Handshake.MAX_PACKET_BYTES - 2 - Ecies.OVERHEAD) {
      return;
    }
    int size = body.length + Ecies.OVERHEAD;
    byte[] prefix = {(byte) (size >>> 8), (byte) size};
    byte[] enc = Ecies.encrypt(FuzzKeys.B.publicKey(), body, prefix, FuzzKeys.EPHEMERAL_A, Arrays.copyOf(FuzzKeys.NONCE_A, 16));
    byte[] packet = new byte[2 + enc.length];
    System.arraycopy(prefix, 0, packet, 0, 2);
    System.arraycopy(enc, 0, packet, 2, enc.length);
    try {
      new Handshake.Recipient(FuzzKeys.B, new Random(1)).onAuth(packet);
    } catch (HandshakeException expected) {
      // refusing is fine
    }
  }

  @FuzzTest(maxDuration = "5m")
  void ack(byte[] packet) {
    try {
      new Handshake.Initiator(FuzzKeys.A, NodeId.of(FuzzKeys.B), new Random(1)).onAck(packet);
    } catch (HandshakeException expected) {
      // refusing is fine
    }
  }

  @FuzzTest(maxDuration = "5m")
  void bodies(byte[] plaintext) {
    try {
      AuthMessage.decode(plaintext);
    } catch (DecodeException expected) {
      // refusing is fine
    }
    try {
      AckMessage.decode(plaintext);
    } catch (DecodeException expected) {
      // refusing is fine
    }
  }
}
