package dev.raftseq.evm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.evm.state.AccountChange;
import dev.raftseq.evm.state.JournaledState;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Interpreter behaviours the conformance suite exercises only indirectly. */
class EvmTest {
  static final EvmAddress CONTRACT = EvmAddress.ofLow(0xC0DE);
  static final EvmAddress CALLER = EvmAddress.ofLow(0xCA11);
  static final BlockEnv BLOCK =
      new BlockEnv(EvmAddress.ofLow(0xC0), 10, 1_700_000_000L, 30_000_000, Word.of(7), Word.ZERO, Word.ONE, 1, n -> Word.ZERO);
  static final TxEnv TX = new TxEnv(CALLER, Word.of(10), List.of());

  private final Evm evm = new Evm(new CodeCache(16));

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  private ExecResult call(byte[] code, long gas, JournaledState[] out) {
    MapStateReader pre =
        new MapStateReader().account(CONTRACT, 1, Word.ZERO, code).account(CALLER, 0, Word.of(1L << 40), new byte[0]);
    JournaledState state = new JournaledState(pre);
    if (out != null) {
      out[0] = state;
    }
    return evm.call(state, BLOCK, TX, CALLER, CONTRACT, Word.ZERO, new byte[0], gas);
  }

  @Test
  void returnsComputedValue() {
    // PUSH1 2 PUSH1 3 ADD PUSH0 MSTORE PUSH1 32 PUSH0 RETURN
    ExecResult r = call(hex("600260030160005260205ff3"), 100_000, null);
    assertThat(r.success()).isTrue();
    assertThat(Word.fromBytes(r.output())).isEqualTo(Word.of(5));
    assertThat(r.gasLeft()).isEqualTo(100_000 - (3 + 3 + 3 + 3 + 3 + 3 + 3 + 2 + 0));
  }

  @Test
  void selfRecursionStopsAtTheDepthLimitWithoutExhaustingTheJavaStack() {
    // counter in slot 0 incremented per level, then CALL self with all gas:
    // PUSH0 SLOAD PUSH1 1 ADD PUSH0 SSTORE  PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 ADDRESS GAS CALL STOP
    JournaledState[] state = new JournaledState[1];
    ExecResult r = call(hex("5f546001015f555f5f5f5f5f305af100"), 1_000_000_000_000L, state);
    assertThat(r.success()).isTrue();
    // frames 0..1024 ran (1025 levels); the call from the last one fails on depth
    assertThat(state[0].storage(CONTRACT, Word.ZERO)).isEqualTo(Word.of(1025));
  }

  @Test
  void revertKeepsGasAndReturnsData() {
    // PUSH1 0xaa PUSH0 MSTORE8 PUSH1 1 PUSH0 REVERT
    JournaledState[] state = new JournaledState[1];
    ExecResult r = call(hex("60aa5f5360015ffd"), 100_000, state);
    assertThat(r.success()).isFalse();
    assertThat(r.reverted()).isTrue();
    assertThat(r.output()).containsExactly((byte) 0xaa);
    assertThat(r.gasLeft()).isGreaterThan(99_000);
  }

  @Test
  void invalidJumpConsumesAllGasAndRollsBack() {
    // PUSH1 1 PUSH0 SSTORE PUSH1 0x42 JUMP
    JournaledState[] state = new JournaledState[1];
    ExecResult r = call(hex("60015f55604256"), 100_000, state);
    assertThat(r.success()).isFalse();
    assertThat(r.gasLeft()).isZero();
    assertThat(r.error()).isEqualTo("invalid jump destination");
    List<AccountChange> changes = state[0].changes();
    assertThat(changes).noneMatch(c -> c.address().equals(CONTRACT) && !c.storage().isEmpty());
  }

  @Test
  void createAddressesFollowRlpAndCreate2Rules() {
    // a known pair: sender 0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0, nonce 0 -> 0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d
    EvmAddress sender = EvmAddress.fromHex("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
    assertThat(Evm.createAddress(sender, 0)).isEqualTo(EvmAddress.fromHex("0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"));
    assertThat(Evm.createAddress(sender, 1)).isEqualTo(EvmAddress.fromHex("0x343c43a37d37dff08ae8c4a11544c718abb4fcf8"));
    // EIP-1014 example 0: address 0, salt 0, init code 0x00
    assertThat(Evm.create2Address(EvmAddress.ZERO, Word.ZERO, new byte[] {0}))
        .isEqualTo(EvmAddress.fromHex("0x4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38"));
  }
}
