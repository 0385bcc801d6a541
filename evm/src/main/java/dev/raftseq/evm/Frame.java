package dev.raftseq.evm;

/**
 * One call or creation frame. Frames are reused by depth ({@link Evm} keeps one per level), so
 * the 32 KiB stack is allocated once per depth reached, not per call.
 */
final class Frame {
  static final int STACK_LIMIT = 1024;
  static final byte[] EMPTY = new byte[0];

  final int depth;
  final long[] stack = new long[STACK_LIMIT * 4];
  final Memory memory = new Memory();

  int kind;
  boolean isCreate;
  EvmAddress address;
  EvmAddress caller;
  Word value;
  byte[] input;
  Code code;
  boolean isStatic;
  long gas;
  int pc;
  int sp;
  byte[] returnData;
  int snapshot;
  byte[] output;
  String error;
  // where the parent wants this frame's output
  long retOffset;
  long retSize;

  Frame(int depth) {
    this.depth = depth;
  }

  void init(int kind, boolean isCreate, EvmAddress address, EvmAddress caller, Word value, byte[] input, Code code,
      boolean isStatic, long gas, int snapshot) {
    this.kind = kind;
    this.isCreate = isCreate;
    this.address = address;
    this.caller = caller;
    this.value = value;
    this.input = input;
    this.code = code;
    this.isStatic = isStatic;
    this.gas = gas;
    this.pc = 0;
    this.sp = 0;
    this.memory.reset();
    this.returnData = EMPTY;
    this.snapshot = snapshot;
    this.output = EMPTY;
    this.error = null;
    this.retOffset = 0;
    this.retSize = 0;
  }
}
