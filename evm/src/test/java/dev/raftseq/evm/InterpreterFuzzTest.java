package dev.raftseq.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Random bytecode under a gas cap: the interpreter must return a result (success, revert or
 * halt), never throw, and never run away (gas bounds the work). {@code JAZZER_FUZZ=1} fuzzes;
 * plain {@code mvn test} replays the committed inputs.
 */
class InterpreterFuzzTest {
  private final Evm evm = new Evm(new CodeCache(64));

  @FuzzTest(maxDuration = "60s")
  void randomBytecode(byte[] data) {
    int split = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
    byte[] code = Arrays.copyOfRange(data, 0, Math.max(split, Math.min(data.length, 1)));
    byte[] input = Arrays.copyOfRange(data, code.length, data.length);
    ExecResult r = RandomCode.run(evm, code, input);
    assertThat(r.gasLeft()).isBetween(0L, RandomCode.GAS_CAP);
    assertThat(r.success() || r.error() != null).isTrue();
  }
}
