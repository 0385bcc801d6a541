package dev.raftseq.p2p.rlpx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.p2p.NodeId;
import dev.raftseq.p2p.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The EIP-8 RLPx handshake vectors (resource eip8-handshake-vectors.txt). */
class HandshakeVectorsTest {
  private static final Map<String, byte[]> V = Vectors.read("/dev/raftseq/p2p/rlpx/eip8-handshake-vectors.txt");
  private static final NodeKey A = NodeKey.fromPrivateKey(V.get("static-key-a"));
  private static final NodeKey B = NodeKey.fromPrivateKey(V.get("static-key-b"));

  @ParameterizedTest
  @ValueSource(strings = {"auth2", "auth3"})
  void recipientReadsEip8AuthAndRecoversTheInitiatorsKeys(String name) throws Exception {
    Handshake.Recipient b = new Handshake.Recipient(B, V.get("ephemeral-key-b"), V.get("nonce-b"), new Random(1));
    byte[] ack = b.onAuth(V.get(name));

    assertThat(b.remoteId()).isEqualTo(NodeId.of(A));
    assertThat(b.remoteEphemeralKey()).isEqualTo(Secp256k1.publicKey(V.get("ephemeral-key-a")));
    assertThat(ack.length).isBetween(2 + Ecies.OVERHEAD + 100, Handshake.MAX_PACKET_BYTES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ack2", "ack3"})
  void initiatorReadsEip8Ack(String name) throws Exception {
    AckMessage ack = Handshake.Initiator.readAck(A, V.get(name));

    assertThat(ack.ephemeralPublicKey()).isEqualTo(Secp256k1.publicKey(V.get("ephemeral-key-b")));
    assertThat(ack.nonce()).isEqualTo(V.get("nonce-b"));
    assertThat(ack.version()).isEqualTo(name.equals("ack2") ? 4 : 57);
  }

  @Test
  void versionAndExtraElementsOfAuth3AreIgnored() throws Exception {
    byte[] packet = V.get("auth3");
    byte[] plain = Ecies.decrypt(B.privateKey(), java.util.Arrays.copyOfRange(packet, 2, packet.length),
        java.util.Arrays.copyOf(packet, 2));
    AuthMessage auth = AuthMessage.decode(plain);
    assertThat(auth.version()).isEqualTo(56);
    assertThat(auth.nonce()).isEqualTo(V.get("nonce-a"));
    assertThat(auth.initiatorPublicKey()).isEqualTo(A.publicKey());
  }

  @Test
  void recipientDerivesTheSecretsAndIngressMacOfAuth2Ack2() throws Exception {
    Handshake.Recipient b = new Handshake.Recipient(B, V.get("ephemeral-key-b"), V.get("nonce-b"), new Random(1));
    b.onAuth(V.get("auth2"));
    Secrets s = Secrets.derive(false, NodeId.of(A), V.get("ephemeral-key-b"), b.remoteEphemeralKey(),
        V.get("nonce-a"), V.get("nonce-b"), V.get("auth2"), V.get("ack2"));

    assertThat(s.aesSecret()).isEqualTo(V.get("aes-secret"));
    assertThat(s.macSecret()).isEqualTo(V.get("mac-secret"));
    assertThat(s.ingressDigestAfter("foo".getBytes(StandardCharsets.US_ASCII))).isEqualTo(V.get("ingress-mac-foo"));
  }

  @Test
  void initiatorDerivesTheSameSecretsFromItsSide() throws Exception {
    AckMessage ack = Handshake.Initiator.readAck(A, V.get("ack2"));
    Secrets s = Secrets.derive(true, NodeId.of(B), V.get("ephemeral-key-a"), ack.ephemeralPublicKey(),
        V.get("nonce-a"), ack.nonce(), V.get("auth2"), V.get("ack2"));

    assertThat(s.aesSecret()).isEqualTo(V.get("aes-secret"));
    assertThat(s.macSecret()).isEqualTo(V.get("mac-secret"));
    // the initiator's egress state is the recipient's ingress state
    assertThat(s.egressMac.digest()).isNotEqualTo(s.ingressMac.digest());
    s.egressMac.update("foo".getBytes(StandardCharsets.US_ASCII), 0, 3);
    assertThat(s.egressMac.digest()).isEqualTo(V.get("ingress-mac-foo"));
  }

  @Test
  void authForAnotherKeyIsRefused() {
    NodeKey other = NodeKey.fromPrivateKey(V.get("ephemeral-key-b"));
    Handshake.Recipient wrong = new Handshake.Recipient(other, new Random(2));
    assertThatThrownBy(() -> wrong.onAuth(V.get("auth2")))
        .isInstanceOf(HandshakeException.class)
        .hasMessageContaining("tag does not verify");
  }

  @Test
  void ourHandshakeAgreesWithItself() throws Exception {
    Random random = new Random(7);
    Handshake.Initiator a = new Handshake.Initiator(A, NodeId.of(B), random);
    Handshake.Recipient b = new Handshake.Recipient(B, random);
    byte[] ack = b.onAuth(a.authPacket());
    Secrets sa = a.onAck(ack);
    Secrets sb = b.secrets();

    assertThat(sa.aesSecret()).isEqualTo(sb.aesSecret());
    assertThat(sa.macSecret()).isEqualTo(sb.macSecret());
    assertThat(sa.remoteId()).isEqualTo(NodeId.of(B));
    assertThat(sb.remoteId()).isEqualTo(NodeId.of(A));

    FrameCodec fa = new FrameCodec(sa, 1 << 20);
    FrameCodec fb = new FrameCodec(sb, 1 << 20);
    for (int n : new int[] {0, 1, 15, 16, 17, 1000}) {
      byte[] data = new byte[n];
      random.nextBytes(data);
      byte[] frame = fa.encode(data);
      int size = fb.readHeader(frame, 0);
      assertThat(size).isEqualTo(n);
      assertThat(frame.length).isEqualTo(FrameCodec.HEADER_BYTES + FrameCodec.bodyLength(n));
      assertThat(fb.readBody(frame, FrameCodec.HEADER_BYTES, size)).isEqualTo(data);
      byte[] back = fb.encode(data);
      int size2 = fa.readHeader(back, 0);
      assertThat(fa.readBody(back, FrameCodec.HEADER_BYTES, size2)).isEqualTo(data);
    }
  }
}
