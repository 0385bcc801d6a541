package dev.raftseq.p2p.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.p2p.DisconnectReason;
import dev.raftseq.p2p.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireMessagesTest {
  @Test
  void eip8HelloWithAHigherVersionAndExtraElementsIsAccepted() throws Exception {
    byte[] packet = Vectors.read("/dev/raftseq/p2p/rlpx/eip8-handshake-vectors.txt").get("hello-v22");
    Hello h = Hello.decode(packet);
    assertThat(h.protocolVersion()).isEqualTo(55);
    assertThat(h.clientId()).isEqualTo("kneth/v0.91/plan9");
    assertThat(h.capabilities()).containsExactly(new Hello.Cap("eth", 61), new Hello.Cap("mork", 22));
    assertThat(h.listenPort()).isEqualTo(9999);
    assertThat(Hex.encode(h.nodeId())).startsWith("0xfda1cff674c90c9a197539fe3dfb5308");
  }

  @Test
  void helloRoundTrips() throws Exception {
    Hello h = new Hello(5, "raftseq/0.1", List.of(new Hello.Cap("zks", 1)), 3060, new byte[64]);
    Hello back = Hello.decode(h.encode());
    assertThat(back.capabilities()).isEqualTo(h.capabilities());
    assertThat(back.clientId()).isEqualTo("raftseq/0.1");
    assertThat(back.listenPort()).isEqualTo(3060);
  }

  @Test
  void disconnectReasonsRoundTripAndUnknownCodesAreKept() throws Exception {
    for (DisconnectReason r : DisconnectReason.values()) {
      if (r != DisconnectReason.UNKNOWN) {
        assertThat(Disconnect.decode(Disconnect.encode(r))).isEqualTo(r);
      }
    }
    assertThat(Disconnect.decode(new byte[] {(byte) 0xc1, 0x33})).isEqualTo(DisconnectReason.UNKNOWN);
    assertThat(Disconnect.decode(new byte[] {(byte) 0xc0})).isEqualTo(DisconnectReason.REQUESTED);
    assertThat(Disconnect.decode(new byte[] {0x04})).isEqualTo(DisconnectReason.TOO_MANY_PEERS);
  }

  @Test
  void framesCompressAndCheckTheDecompressedSizeFirst() throws Exception {
    byte[] data = new byte[10_000];
    byte[] frame = MessageFrames.encode(0x12, data, true);
    assertThat(frame.length).isLessThan(1_000);
    MessageFrames.Message m = MessageFrames.decode(frame, true, 10_000);
    assertThat(m.id()).isEqualTo(0x12);
    assertThat(m.data()).isEqualTo(data);
    assertThatThrownBy(() -> MessageFrames.decode(frame, true, 9_999))
        .isInstanceOf(DecodeException.class).hasMessageContaining("over the limit");
    // snappy header claiming 4 GiB, no body
    assertThatThrownBy(() -> MessageFrames.decode(new byte[] {0x12, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, true, 1 << 24))
        .isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> MessageFrames.decode(new byte[] {0x12, 0x05, 0x00}, true, 1 << 24))
        .isInstanceOf(DecodeException.class).hasMessageContaining("snappy");
  }
}
