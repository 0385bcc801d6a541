package dev.raftseq.chain.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Receipt;
import java.util.Arrays;

/**
 * Fuzzes the block and receipt decoders (bytes from peers). Only {@link DecodeException} may
 * escape; accepted input must be canonical. To fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl chain test -Dtest=BlockCodecFuzzTest#decodeBlock}.
 */
class BlockCodecFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void decodeBlock(byte[] input) {
    try {
      Block b = BlockCodec.decodeBlock(input, 1337);
      if (!Arrays.equals(BlockCodec.encodeBlock(b), input)) {
        throw new AssertionError("accepted a non-canonical block");
      }
    } catch (DecodeException expected) {
      // refusing is fine
    }
  }

  @FuzzTest(maxDuration = "5m")
  void decodeReceipt(byte[] input) {
    try {
      Receipt r = BlockCodec.decodeReceipt(input);
      if (!Arrays.equals(BlockCodec.encodeReceipt(r), input)) {
        throw new AssertionError("accepted a non-canonical receipt");
      }
    } catch (DecodeException expected) {
      // refusing is fine
    }
  }
}
