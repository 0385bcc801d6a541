package dev.raftseq.p2p.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.chain.codec.DecodeException;

/** Fuzzes the base protocol's decoders (after a frame's MAC verified). Only {@link DecodeException} may escape. */
class WireFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void messageFrame(byte[] frameData) {
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

  @FuzzTest(maxDuration = "5m")
  void hello(byte[] data) {
    try {
      Hello h = Hello.decode(data);
      if (h.nodeId().length != 64 || h.capabilities().size() > Hello.MAX_CAPABILITIES) {
        throw new AssertionError("accepted a malformed Hello");
      }
    } catch (DecodeException expected) {
      // refusing is fine
    }
  }

  @FuzzTest(maxDuration = "5m")
  void disconnect(byte[] data) {
    try {
      Disconnect.decode(data);
    } catch (DecodeException expected) {
      // refusing is fine
    }
  }

}
