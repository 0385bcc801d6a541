package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Wei;
import java.util.List;

/**
 * One message of an executed transaction, as geth's callTracer reports it.
 *
 * @param type CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE or CREATE2
 * @param value null for STATICCALL
 * @param gas gas given to the message
 * @param error why it failed, null on success
 * @param calls the messages it sent, in order
 */
public record CallTrace(
    String type,
    Address from,
    Address to,
    Wei value,
    long gas,
    long gasUsed,
    byte[] input,
    byte[] output,
    String error,
    boolean reverted,
    List<CallTrace> calls) {
  public CallTrace {
    calls = List.copyOf(calls);
  }

  /** The outcome of a traced transaction; {@code root} is null when no EVM ran (a plain transfer). */
  public record Traced(TxResult result, CallTrace root) {}
}
