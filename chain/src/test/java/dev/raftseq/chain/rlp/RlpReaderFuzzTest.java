package dev.raftseq.chain.rlp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzzes the strict RLP reader: only {@link RlpException} may escape, and every accepted input
 * re-encodes to itself. To fuzz: {@code JAZZER_FUZZ=1 mvn -pl chain test -Dtest=RlpReaderFuzzTest#readTree}.
 */
class RlpReaderFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void readTree(byte[] input) {
    try {
      Object tree = RlpItems.decode(input);
      if (!Arrays.equals(RlpItems.encode(tree), input)) {
        throw new AssertionError("accepted non-canonical RLP");
      }
    } catch (RlpException expected) {
      // refusing is fine
    }
  }
}
