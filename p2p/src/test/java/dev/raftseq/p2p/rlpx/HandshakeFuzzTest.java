package dev.raftseq.p2p.rlpx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.p2p.NodeId;
import java.util.Arrays;
import java.util.Random;

/**
 * Fuzzes what a peer sends before any session key exists: auth (to a recipient), ack (to an
 * initiator), and their bodies once decrypted. The input's first byte picks which (one target for
 * the family keeps the long run within its bound); only the declared exceptions may escape. To
 * fuzz: {@code JAZZER_FUZZ=1 mvn -pl p2p test -Dtest=HandshakeFuzzTest#handshake}.
 */
class HandshakeFuzzTest {
  static final int AUTH = 0;
  static final int AUTH_PLAINTEXT = 1;
  static final int ACK = 2;
  static final int BODIES = 3;

  @FuzzTest(maxDuration = "5m")
  void handshake(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    switch (input[0] & 3) {
      case AUTH -> auth(rest);
      case AUTH_PLAINTEXT -> authPlaintext(rest);
      case ACK -> ack(rest);
      default -> bodies(rest);
    }
  }

  private static void auth(byte[] packet) {
    try {
      new Handshake.Recipient(FuzzKeys.B, new Random(1)).onAuth(packet);
    } catch (HandshakeException expected) {
      // refusing is fine
    }
  }

  /** The bytes as the plaintext of an auth correctly encrypted to B: reaches the body decoder and signature recovery. */
  private static void authPlaintext(byte[] body) {
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

  private static void ack(byte[] packet) {
    try {
      new Handshake.Initiator(FuzzKeys.A, NodeId.of(FuzzKeys.B), new Random(1)).onAck(packet);
    } catch (HandshakeException expected) {
      // refusing is fine
    }
  }

  private static void bodies(byte[] plaintext) {
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
