package dev.raftseq.evm;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random programs drawn from real opcodes (so they get past the first byte) run to a result
 * within the gas cap, in every run of the suite (the Jazzer test fuzzes only on demand).
 */
class RandomBytecodePropertyTest {
  private final Evm evm = new Evm(new CodeCache(64));

  @Provide
  Arbitrary<byte[]> programs() {
    Arbitrary<Byte> op =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.bytes()),
            net.jqwik.api.Tuple.of(4, Arbitraries.of((byte) 0x60, (byte) 0x61, (byte) 0x5f, (byte) 0x80, (byte) 0x90)),
            net.jqwik.api.Tuple.of(3, Arbitraries.of(
                (byte) 0x01, (byte) 0x02, (byte) 0x04, (byte) 0x05, (byte) 0x06, (byte) 0x07, (byte) 0x08, (byte) 0x09,
                (byte) 0x0a, (byte) 0x0b, (byte) 0x1a, (byte) 0x1b, (byte) 0x1c, (byte) 0x1d, (byte) 0x20, (byte) 0x51,
                (byte) 0x52, (byte) 0x53, (byte) 0x54, (byte) 0x55, (byte) 0x56, (byte) 0x57, (byte) 0x5b, (byte) 0x5c,
                (byte) 0x5d, (byte) 0x5e, (byte) 0x37, (byte) 0x39, (byte) 0x3c, (byte) 0x3e, (byte) 0xa1, (byte) 0xf0,
                (byte) 0xf1, (byte) 0xf2, (byte) 0xf3, (byte) 0xf4, (byte) 0xf5, (byte) 0xfa, (byte) 0xfd, (byte) 0xff)));
    return op.array(byte[].class).ofMinSize(1).ofMaxSize(200);
  }

  @Property(tries = 500)
  void anyProgramEndsWithinItsGas(@ForAll("programs") byte[] code, @ForAll byte[] input) {
    ExecResult r = RandomCode.run(evm, code, input);
    assertThat(r.gasLeft()).isBetween(0L, RandomCode.GAS_CAP);
    assertThat(r.success() || r.error() != null).isTrue();
    assertThat(r.output()).isNotNull();
  }
}
