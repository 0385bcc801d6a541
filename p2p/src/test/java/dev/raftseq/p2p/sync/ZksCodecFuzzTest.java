package dev.raftseq.p2p.sync;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.chain.codec.DecodeException;
import java.util.Arrays;

/**
 * Fuzzes every zks message decoder through one target (one target per decoder family keeps the long
 * run, {@code system-tests/fuzz.sh}, within its time bound). Only {@link DecodeException} may escape,
 * and whatever is accepted must re-encode to the same bytes (one encoding per message).
 */
class ZksCodecFuzzTest {

  private static void check(int code, byte[] data) {
    try {
      ZksMessage m = ZksCodec.decode(code, data);
      if (m.code() != code || !Arrays.equals(ZksCodec.encode(m), data)) {
        throw new AssertionError("accepted a non-canonical message " + code);
      }
    } catch (DecodeException expected) {
      // refusing is fine
    }
  }

  /** The first byte is the message code (unknown ones too), the rest its payload. */
  @FuzzTest(maxDuration = "5m")
  void anyCode(byte[] input) {
    if (input.length == 0) {
      return;
    }
    check(input[0] & 0xff, Arrays.copyOfRange(input, 1, input.length));
  }
}
