package dev.raftseq.chain.exec;

import dev.raftseq.evm.EvmAddress;
import dev.raftseq.evm.Tracer;
import dev.raftseq.evm.Word;
import dev.raftseq.chain.types.Wei;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Turns the EVM's enter/exit events into a {@link CallTrace} tree. */
final class CallTraceRecorder implements Tracer {
  private static final class Open {
    final String type;
    final EvmAddress from;
    final EvmAddress to;
    final Word value;
    final long gas;
    final byte[] input;
    final List<CallTrace> calls = new ArrayList<>();

    Open(String type, EvmAddress from, EvmAddress to, Word value, long gas, byte[] input) {
      this.type = type;
      this.from = from;
      this.to = to;
      this.value = value;
      this.gas = gas;
      this.input = input;
    }
  }

  private final Deque<Open> open = new ArrayDeque<>();
  private CallTrace root;

  @Override
  public void enter(int depth, String type, EvmAddress from, EvmAddress to, Word value, byte[] input, long gas) {
    open.push(new Open(type, from, to, value, gas, input.clone()));
  }

  @Override
  public void exit(int depth, boolean success, boolean reverted, byte[] output, long gasLeft, String error) {
    Open o = open.pop();
    CallTrace t = new CallTrace(
        o.type,
        EvmStateReader.chain(o.from),
        EvmStateReader.chain(o.to),
        "STATICCALL".equals(o.type) ? null : Wei.of(o.value.toBigInteger()),
        o.gas,
        Math.max(0, o.gas - gasLeft),
        o.input,
        output.clone(),
        success ? null : (error == null ? "execution failed" : error),
        reverted,
        o.calls);
    if (open.isEmpty()) {
      root = t;
    } else {
      open.peek().calls.add(t);
    }
  }

  CallTrace root() {
    return root;
  }
}
