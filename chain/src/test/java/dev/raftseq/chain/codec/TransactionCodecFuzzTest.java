package dev.raftseq.chain.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.chain.types.RecoveredTx;
import java.util.Arrays;

/**
 * Fuzzes the decoder of raw transactions from strangers. Only {@link DecodeException} may escape,
 * and whatever decodes must be the canonical encoding of what it decoded to.
 *
 * <p>Seeds: {@code src/test/resources/dev/raftseq/chain/codec/TransactionCodecFuzzTestInputs/<method>/}
 * (valid transactions of each type, chain 1337). In the normal suite only the seeds run; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl chain test -Dtest=TransactionCodecFuzzTest#decodeStrict}.
 */
class TransactionCodecFuzzTest {
  private static final long CHAIN = 1337;

  @FuzzTest(maxDuration = "5m")
  void decodeStrict(byte[] input) {
    try {
      RecoveredTx tx = TransactionCodec.decodeStrict(input, CHAIN);
      checkCanonical(tx, input);
    } catch (DecodeException expected) {
      // refusing is fine; anything else escaping is a bug
    }
  }

  @FuzzTest(maxDuration = "5m")
  void decode(byte[] input) {
    try {
      RecoveredTx tx = TransactionCodec.decode(input);
      checkCanonical(tx, input);
    } catch (DecodeException expected) {
      // refusing is fine
    }
  }

  private static void checkCanonical(RecoveredTx tx, byte[] input) {
    if (!Arrays.equals(TransactionCodec.encode(tx.tx()), input)) {
      throw new AssertionError("accepted a non-canonical encoding");
    }
  }
}
