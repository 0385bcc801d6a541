package dev.raftseq.p2p.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.chain.codec.DecodeException;
import java.util.Arrays;

/**
 * Fuzzes the base protocol's decoders (after a frame's MAC verified); the input's first byte picks
 * which. Only {@link DecodeException} may escape.
 */
class WireFuzzTest {
  static final int MESSAGE_FRAME = 0;
  static final int HELLO = 1;
  static final int DISCONNECT = 2;

  @FuzzTest(maxDuration = "5m")
  void baseProtocol(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    switch ((input[0] & 0xff) % 3) {
      case MESSAGE_FRAME -> messageFrame(rest);
      case HELLO -> hello(rest);
      default -> disconnect(rest);
    }
  }

  private static void messageFrame(byte[] frameData) {
    for (boolean compressed : new boolean[] {false, true}) {
      try {
        MessageFrames.Message m = MessageFrames.decode(frameData, compressed, 1 << 20);
        if (m.data().length > 1 << 20) {
          throw new AssertionError("payload over the limit");
        }
      } catch (DecodeException expected) {
        // refusing is fine
      }
    }
  }

  private static void hello(byte[] data) {
    try {
      Hello h = Hello.decode(data);
      if (h.nodeId().length != 64 || h.capabilities().size() > Hello.MAX_CAPABILITIES) {
        throw new AssertionError("accepted a malformed Hello");
      }
    } catch (DecodeException expected) {
      // refusing is fine
    }
  }

  private static void disconnect(byte[] data) {
    try {
      Disconnect.decode(data);
    } catch (DecodeException expected) {
      // refusing is fine
    }
  }

}
