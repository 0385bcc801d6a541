package dev.raftseq.evm;

/** Observes execution step by step (debugging, tracers). Called before each opcode runs. */
@FunctionalInterface
public interface Tracer {
  /**
   * @param stack the frame's stack limbs (item i at 4*i, little-endian limbs); read only
   * @param stackSize items on the stack
   */
  void step(int depth, int pc, int opcode, long gas, long[] stack, int stackSize);
}
