package dev.raftseq.evm;

import dev.raftseq.evm.state.JournaledState;
import java.util.List;

/** Runs arbitrary bytecode as a contract called with a gas cap: the fuzz and property harness. */
final class RandomCode {
  static final EvmAddress CONTRACT = EvmAddress.ofLow(0xC0DE);
  static final EvmAddress OTHER = EvmAddress.ofLow(0xC0DF);
  static final EvmAddress CALLER = EvmAddress.ofLow(0xCA11);
  static final long GAS_CAP = 3_000_000;

  private RandomCode() {}

  /** Executes {@code code} (also deployed at a second address it may call); returns the result. */
  static ExecResult run(Evm evm, byte[] code, byte[] input) {
    MapStateReader pre =
        new MapStateReader()
            .account(CONTRACT, 1, Word.of(1_000_000), code)
            .account(OTHER, 1, Word.of(5), code)
            .account(CALLER, 0, Word.of(1L << 40), new byte[0])
            .slot(CONTRACT, Word.ONE, Word.of(7));
    JournaledState state = new JournaledState(pre);
    BlockEnv block =
        new BlockEnv(EvmAddress.ofLow(0xC0), 10, 1_700_000_000L, 30_000_000, Word.of(7), Word.of(42), Word.ONE, 1,
            n -> Word.of(n + 1));
    TxEnv tx = new TxEnv(CALLER, Word.of(10), List.of(Word.ONE));
    ExecResult r = evm.call(state, block, tx, CALLER, CONTRACT, Word.of(3), input, GAS_CAP);
    state.changes();
    return r;
  }
}
