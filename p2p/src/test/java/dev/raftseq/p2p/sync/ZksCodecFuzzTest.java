package dev.raftseq.p2p.sync;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.chain.codec.DecodeException;
import java.util.Arrays;

/**
 * Fuzzes every zks/1 message decoder. Only {@link DecodeException} may escape, and whatever is
 * accepted must re-encode to the same bytes (one encoding per message).
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

  @FuzzTest(maxDuration = "5m")
  void status(byte[] data) {
    check(ZksCodec.STATUS, data);
  }

  @FuzzTest(maxDuration = "5m")
  void getBlocks(byte[] data) {
    check(ZksCodec.GET_BLOCKS, data);
  }

  @FuzzTest(maxDuration = "5m")
  void blocks(byte[] data) {
    check(ZksCodec.BLOCKS, data);
  }

  @FuzzTest(maxDuration = "5m")
  void newBlock(byte[] data) {
    check(ZksCodec.NEW_BLOCK, data);
  }

  @FuzzTest(maxDuration = "5m")
  void newHead(byte[] data) {
    check(ZksCodec.NEW_HEAD, data);
  }

  @FuzzTest(maxDuration = "5m")
  void getUnincludedTxs(byte[] data) {
    check(ZksCodec.GET_UNINCLUDED_TXS, data);
  }

  @FuzzTest(maxDuration = "5m")
  void unincludedTxs(byte[] data) {
    check(ZksCodec.UNINCLUDED_TXS, data);
  }

  /** Any code, including unknown ones: the first byte picks it. */
  @FuzzTest(maxDuration = "5m")
  void anyCode(byte[] input) {
    if (input.length == 0) {
      return;
    }
    check(input[0] & 0xff, Arrays.copyOfRange(input, 1, input.length));
  }
}
