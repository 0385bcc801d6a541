package dev.raftseq.evm;

/**
 * Observes execution (debugging, tracers such as geth's callTracer). Every message the EVM starts
 * gets one {@link #enter} and one {@link #exit}, also those that end at once (a precompile, an
 * account without code, a depth or balance failure).
 */
public interface Tracer {
  /**
   * Called before each opcode runs.
   *
   * @param stack the frame's stack limbs (item i at 4*i, little-endian limbs); read only
   * @param stackSize items on the stack
   */
  default void step(int depth, int pc, int opcode, long gas, long[] stack, int stackSize) {}

  /**
   * A message starts.
   *
   * @param type CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE or CREATE2
   * @param from the account that sends it (for DELEGATECALL the calling contract)
   * @param to the account whose code runs (a creation's new address)
   */
  default void enter(int depth, String type, EvmAddress from, EvmAddress to, Word value, byte[] input, long gas) {}

  /** The message started last and not yet exited ends. */
  default void exit(int depth, boolean success, boolean reverted, byte[] output, long gasLeft, String error) {}
}
