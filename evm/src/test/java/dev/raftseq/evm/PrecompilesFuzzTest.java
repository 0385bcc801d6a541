package dev.raftseq.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.raftseq.evm.precompile.Precompiles;
import java.util.Arrays;

/**
 * Arbitrary call data for every precompile: pricing and running return a value or a failed call
 * (null), never an exception. Inputs priced above a call's reach (1M gas here) are not run.
 */
class PrecompilesFuzzTest {
  private final Precompiles precompiles = new Precompiles();

  @FuzzTest(maxDuration = "60s")
  void anyInput(byte[] data) {
    if (data.length == 0) {
      return;
    }
    EvmAddress target = EvmAddress.ofLow(1 + (data[0] & 0xFF) % Precompiles.LAST);
    byte[] input = Arrays.copyOfRange(data, 1, data.length);
    long gas = precompiles.gas(target, input);
    assertThat(gas).isNotNegative();
    if (gas <= 1_000_000) {
      byte[] out = precompiles.run(target, input);
      if (out != null && target.lowIndex() == 4) {
        assertThat(out).isEqualTo(input);
      }
    }
  }
}
