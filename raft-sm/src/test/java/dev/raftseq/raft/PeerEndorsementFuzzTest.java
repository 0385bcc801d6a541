package dev.raftseq.raft;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.cert.CertificateException;
import java.util.Arrays;

/**
 * The endorsement extension comes from a stranger's certificate in a TLS handshake: decoding any bytes
 * may only produce a claim or a {@link CertificateException}, and what decodes re-encodes to the same
 * bytes. Runs its seed inputs in the normal suite; fuzz with JAZZER_FUZZ=1.
 */
class PeerEndorsementFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodeIsStrict(byte[] input) {
    PeerEndorsement.Claim claim;
    try {
      claim = PeerEndorsement.decode(input);
    } catch (CertificateException expected) {
      return;
    }
    if (!Arrays.equals(PeerEndorsement.encode(claim), input)) {
      throw new AssertionError("decoded bytes do not re-encode to the input");
    }
  }
}
