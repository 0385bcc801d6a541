package dev.raftseq.chain.genesis;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Fuzzes the genesis file reader: a broken file may only be refused with an {@link IOException},
 * whose message says what is wrong.
 *
 * <p>Seeds: {@code src/test/resources/dev/raftseq/chain/genesis/GenesisSpecFuzzTestInputs/parse/}
 * (the local genesis and a spec using every field). In the normal suite only the seeds run; to
 * fuzz: {@code JAZZER_FUZZ=1 mvn -pl chain test -Dtest=GenesisSpecFuzzTest}.
 */
class GenesisSpecFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void parse(byte[] input) {
    try {
      GenesisSpec spec = GenesisSpec.parse(input);
      if (spec.chainId() <= 0 || spec.gasLimit() < 21_000 || spec.baseFeePerGas() == null) {
        throw new AssertionError("accepted an invalid spec: " + spec);
      }
    } catch (IOException expected) {
      // refusing is fine; anything else escaping is a bug
    }
  }
}
