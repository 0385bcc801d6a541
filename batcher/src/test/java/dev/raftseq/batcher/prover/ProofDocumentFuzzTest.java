package dev.raftseq.batcher.prover;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the prover API's proof document parser: any body is either a well-formed document or a
 * {@link ProofFormatException}; nothing else escapes. Seeds under
 * {@code src/test/resources/dev/raftseq/batcher/prover/ProofDocumentFuzzTestInputs/parse/}; to fuzz:
 * {@code JAZZER_FUZZ=1 mvn -pl batcher test -Dtest=ProofDocumentFuzzTest}.
 */
class ProofDocumentFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void parse(byte[] input) {
    try {
      ProofDocument d = ProofDocument.parse(input);
      if (d.version() != ProofDocument.VERSION || d.batchNumber() < 1 || d.signatures().size() > ProofDocument.MAX_SIGNATURES
          || d.signatures().stream().anyMatch(s -> s.length != 65)) {
        throw new AssertionError("accepted an invalid document: " + d);
      }
      // a parsed document re-parses to the same content
      ProofDocument again = ProofDocument.parse(d.toJson().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      if (again.batchNumber() != d.batchNumber() || !again.commitment().equals(d.commitment())
          || again.signatures().size() != d.signatures().size()) {
        throw new AssertionError("round trip changed the document");
      }
    } catch (ProofFormatException expected) {
      // refused with a message: fine
    }
  }
}
