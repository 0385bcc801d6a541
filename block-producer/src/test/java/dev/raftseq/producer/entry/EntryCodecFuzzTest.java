package dev.raftseq.producer.entry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.chain.codec.DecodeException;
import java.util.Arrays;

/**
 * Log entries come from the replicated log, which peers write: decoding any bytes may only produce an
 * entry or a {@link DecodeException}, and what decodes re-encodes to the same bytes (except the
 * sender-less legacy batch, which is never written again); {@code validate} agrees with {@code decode}
 * on every input. Runs its seed inputs in the normal suite;
 * fuzz with JAZZER_FUZZ=1.
 */
class EntryCodecFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodeNeverThrowsAnythingElse(byte[] input) {
    LogEntry entry;
    boolean valid;
    try {
      EntryCodec.validate(input);
      valid = true;
    } catch (DecodeException e) {
      valid = false;
    }
    try {
      entry = EntryCodec.decode(input);
    } catch (DecodeException expected) {
      if (valid) {
        throw new AssertionError("validate accepted what decode refuses: " + expected.getMessage());
      }
      return;
    }
    if (!valid) {
      throw new AssertionError("validate refused what decodes");
    }
    if (entry instanceof LogEntry.TxBatch b && b.txs().isEmpty()) {
      throw new AssertionError("decoded an empty batch");
    }
    if (input[0] != EntryCodec.TYPE_TX_BATCH_V1 && input[0] != EntryCodec.TYPE_BLOCK_REF
        && !Arrays.equals(EntryCodec.encode(entry), input)) {
      throw new AssertionError("decoded bytes do not re-encode to the input");
    }
  }
}
