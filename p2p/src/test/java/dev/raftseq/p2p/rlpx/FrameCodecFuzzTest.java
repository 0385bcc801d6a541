package dev.raftseq.p2p.rlpx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzzes frame decoding on an established session: arbitrary ingress bytes may only fail the
 * MAC or size checks ({@link FrameException}); and whatever frame-data is sent arrives intact. The
 * input's first byte picks which of the two.
 */
class FrameCodecFuzzTest {
  static final int INGRESS_BYTES = 0;
  static final int ROUND_TRIP = 1;

  @FuzzTest(maxDuration = "5m")
  void session(byte[] input) throws FrameException {
    if (input.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    if ((input[0] & 1) == INGRESS_BYTES) {
      ingressBytes(rest);
    } else {
      roundTrip(rest);
    }
  }

  private static void ingressBytes(byte[] input) {
    Secrets[] s = FuzzKeys.session();
    FrameCodec recipient = new FrameCodec(s[1], 1 << 16);
    try {
      int pos = 0;
      while (input.length - pos >= FrameCodec.HEADER_BYTES) {
        int size = recipient.readHeader(input, pos);
        pos += FrameCodec.HEADER_BYTES;
        if (input.length - pos < FrameCodec.bodyLength(size)) {
          return;
        }
        recipient.readBody(input, pos, size);
        pos += FrameCodec.bodyLength(size);
      }
    } catch (FrameException expected) {
      // refusing is fine
    }
  }

  /** The input's bytes as frame-data: the peer reads exactly them, and one flipped bit fails its MAC. */
  private static void roundTrip(byte[] data) throws FrameException {
    if (data.length > 1 << 16) {
      return;
    }
    Secrets[] s = FuzzKeys.session();
    FrameCodec a = new FrameCodec(s[0], 1 << 16);
    FrameCodec b = new FrameCodec(s[1], 1 << 16);
    byte[] frame = a.encode(data);
    int size = b.readHeader(frame, 0);
    if (size != data.length || !Arrays.equals(b.readBody(frame, FrameCodec.HEADER_BYTES, size), data)) {
      throw new AssertionError("frame-data changed in transit");
    }
    byte[] second = a.encode(data);
    second[second.length - 1 - (data.length % 16)] ^= 1;
    try {
      int size2 = b.readHeader(second, 0);
      b.readBody(second, FrameCodec.HEADER_BYTES, size2);
      throw new AssertionError("a flipped bit passed the MAC");
    } catch (FrameException expected) {
      // the MAC caught it
    }
  }
}
