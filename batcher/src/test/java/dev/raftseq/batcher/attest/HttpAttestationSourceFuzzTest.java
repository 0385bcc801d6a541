package dev.raftseq.batcher.attest;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the reader of a peer's attestation: any body gives an attestation of the asked batch or
 * nothing; no exception escapes. Seeds under
 * {@code src/test/resources/dev/raftseq/batcher/attest/HttpAttestationSourceFuzzTestInputs/parse/}.
 */
class HttpAttestationSourceFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] input) {
    HttpAttestationSource.parse(input, 7).ifPresent(a -> {
      if (a.batchNumber() != 7 || a.signature().length != 65) {
        throw new AssertionError("accepted " + a);
      }
    });
  }
}
