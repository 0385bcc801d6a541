package dev.raftseq.raft;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.chain.codec.DecodeException;

/**
 * Log entries come from the Raft log, which peers write: decoding any bytes may only produce an entry
 * or a {@link DecodeException}. Runs its seed inputs in the normal suite; fuzz with JAZZER_FUZZ=1.
 */
class EntryCodecFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodeNeverThrowsAnythingElse(byte[] input) {
    try {
      LogEntry entry = EntryCodec.decode(input);
      if (entry instanceof LogEntry.TxBatchEntry batch && batch.rawTxs().isEmpty()) {
        throw new AssertionError("decoded an empty batch");
      }
    } catch (DecodeException expected) {
      // the declared failure
    }
  }
}
