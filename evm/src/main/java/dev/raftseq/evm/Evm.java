package dev.raftseq.evm;

import dev.raftseq.evm.precompile.Precompiles;
import dev.raftseq.evm.state.EvmLog;
import dev.raftseq.evm.state.WorldState;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cancun EVM. Runs a top-level message call or creation to completion; nested calls do not
 * recurse on the Java stack: a CALL or CREATE suspends its frame, the child runs in the next
 * frame of {@link #frames}, and the parent resumes with the child's result. One instance runs
 * one message at a time (it owns scratch space); share a {@link CodeCache} between instances.
 */
public final class Evm {
  public static final int MAX_DEPTH = 1024;
  public static final int MAX_CODE_SIZE = 24_576;
  public static final int MAX_INITCODE_SIZE = 49_152;

  static final int K_CALL = 0;
  static final int K_CALLCODE = 1;
  static final int K_DELEGATECALL = 2;
  static final int K_STATICCALL = 3;
  static final int K_CREATE = 4;

  private static final int S_STOP = 1;
  private static final int S_REVERT = 2;
  private static final int S_HALT = 3;
  private static final int S_CHILD = 4;

  /** Memory beyond this (about 2 GiB, 2^41 gas) is treated as unpayable: Java arrays end there. */
  private static final long MAX_MEMORY = Integer.MAX_VALUE - 1024;

  /** Sentinel for a stack value too large to be an offset or a length. */
  private static final long BIG = Long.MAX_VALUE;

  private final CodeCache codeCache;
  private final Precompiles precompiles;
  private final U256 math = new U256();
  private final Frame[] frames = new Frame[MAX_DEPTH + 1];

  private Tracer tracer;
  private WorldState state;
  private BlockEnv block;
  private TxEnv tx;

  // the result of a message that completed without running a frame (or of a finished frame)
  private boolean resSuccess;
  private boolean resReverted;
  private long resGas;
  private byte[] resOutput;
  private EvmAddress resCreated;
  private String resError;

  public Evm(CodeCache codeCache) {
    this.codeCache = codeCache;
    this.precompiles = new Precompiles();
  }

  /** Sets (or clears, with null) the tracer that sees every step. */
  public void setTracer(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Cancun's precompiles: 0x01..0x0a. */
  public static boolean isPrecompile(EvmAddress a) {
    return Precompiles.isPrecompile(a);
  }

  /** The top-level message call of a transaction (the caller's nonce and fees are the caller's business). */
  public ExecResult call(
      WorldState state, BlockEnv block, TxEnv tx, EvmAddress caller, EvmAddress to, Word value, byte[] input, long gas) {
    begin(state, block, tx);
    Frame f = startCall(0, K_CALL, caller, to, to, value, value, input, gas, false);
    return finishTop(f);
  }

  /** The top-level creation of a creation transaction; increments the caller's nonce. */
  public ExecResult create(
      WorldState state, BlockEnv block, TxEnv tx, EvmAddress caller, Word value, byte[] initcode, long gas) {
    begin(state, block, tx);
    EvmAddress address = createAddress(caller, state.nonce(caller));
    Frame f = startCreate(0, caller, value, initcode, gas, address, false);
    return finishTop(f);
  }

  private void begin(WorldState state, BlockEnv block, TxEnv tx) {
    this.state = state;
    this.block = block;
    this.tx = tx;
  }

  private ExecResult finishTop(Frame first) {
    if (first != null) {
      runFrames(first);
    }
    ExecResult r = new ExecResult(resSuccess, resReverted, resGas, resOutput, resSuccess ? resCreated : null, resError);
    state = null;
    block = null;
    tx = null;
    return r;
  }

  private Frame frame(int depth) {
    Frame f = frames[depth];
    if (f == null) {
      f = new Frame(depth);
      frames[depth] = f;
    }
    return f;
  }

  // ---------------------------------------------------------------- messages

  private void immediate(boolean success, boolean reverted, long gas, byte[] output, EvmAddress created, String error) {
    resSuccess = success;
    resReverted = reverted;
    resGas = gas;
    resOutput = output;
    resCreated = created;
    resError = error;
  }

  private static final String[] KIND_NAMES = {"CALL", "CALLCODE", "DELEGATECALL", "STATICCALL"};

  /** The tracer's exit for the message whose result is in res*. */
  private void traceExit(int depth) {
    if (tracer != null) {
      tracer.exit(depth, resSuccess, resReverted, resOutput, resGas, resError);
    }
  }

  /**
   * Starts a call: either completes it at once (depth, balance, no code, precompile) leaving the
   * result in the res* fields and returning null, or returns the frame to run.
   */
  private Frame startCall(
      int depth, int kind, EvmAddress caller, EvmAddress address, EvmAddress codeAddress, Word transfer,
      Word apparentValue, byte[] input, long gas, boolean isStatic) {
    if (tracer != null) {
      EvmAddress from = kind == K_DELEGATECALL ? address : caller;
      tracer.enter(depth, KIND_NAMES[kind], from, codeAddress, kind == K_DELEGATECALL ? apparentValue : transfer,
          input, gas);
    }
    Frame f = startCallUntraced(depth, kind, caller, address, codeAddress, transfer, apparentValue, input, gas, isStatic);
    if (f == null) {
      traceExit(depth);
    }
    return f;
  }

  private Frame startCallUntraced(
      int depth, int kind, EvmAddress caller, EvmAddress address, EvmAddress codeAddress, Word transfer,
      Word apparentValue, byte[] input, long gas, boolean isStatic) {
    if (depth > MAX_DEPTH) {
      immediate(false, false, gas, Frame.EMPTY, null, "max call depth exceeded");
      return null;
    }
    boolean moves = (kind == K_CALL || kind == K_CALLCODE) && !transfer.isZero();
    if (moves && state.balance(caller).lessThan(transfer)) {
      immediate(false, false, gas, Frame.EMPTY, null, "insufficient balance for transfer");
      return null;
    }
    int snapshot = state.snapshot();
    boolean precompile = Precompiles.isPrecompile(codeAddress);
    if (kind == K_CALL) {
      if (!state.exists(address) && !precompile && transfer.isZero()) {
        immediate(true, false, gas, Frame.EMPTY, null, null);
        return null;
      }
      state.subBalance(caller, transfer);
      state.addBalance(address, transfer);
    }
    if (precompile) {
      long cost = precompiles.gas(codeAddress, input);
      byte[] out = cost <= gas ? precompiles.run(codeAddress, input) : null;
      if (out == null) {
        state.revertTo(snapshot);
        immediate(false, false, 0, Frame.EMPTY, null, cost > gas ? "out of gas" : "precompile failed");
      } else {
        immediate(true, false, gas - cost, out, null, null);
      }
      return null;
    }
    Word codeHash = state.codeHash(codeAddress);
    if (codeHash.equals(Keccak.EMPTY)) {
      immediate(true, false, gas, Frame.EMPTY, null, null);
      return null;
    }
    Code code = codeCache.get(codeHash, () -> state.code(codeAddress));
    Frame f = frame(depth);
    f.init(kind, false, address, caller, apparentValue, input, code, isStatic, gas, snapshot);
    return f;
  }

  private Frame startCreate(
      int depth, EvmAddress caller, Word value, byte[] initcode, long gas, EvmAddress address, boolean create2) {
    if (tracer != null) {
      tracer.enter(depth, create2 ? "CREATE2" : "CREATE", caller, address, value, initcode, gas);
    }
    Frame f = startCreateUntraced(depth, caller, value, initcode, gas, address);
    if (f == null) {
      traceExit(depth);
    }
    return f;
  }

  private Frame startCreateUntraced(int depth, EvmAddress caller, Word value, byte[] initcode, long gas, EvmAddress address) {
    if (depth > MAX_DEPTH) {
      immediate(false, false, gas, Frame.EMPTY, null, "max call depth exceeded");
      return null;
    }
    if (state.balance(caller).lessThan(value)) {
      immediate(false, false, gas, Frame.EMPTY, null, "insufficient balance for transfer");
      return null;
    }
    long nonce = state.nonce(caller);
    if (nonce == -1L) {
      immediate(false, false, gas, Frame.EMPTY, null, "nonce uint64 overflow");
      return null;
    }
    state.setNonce(caller, nonce + 1);
    state.warmAccount(address);
    if (state.nonce(address) != 0 || !state.codeHash(address).equals(Keccak.EMPTY) || state.hasStorage(address)) {
      immediate(false, false, 0, Frame.EMPTY, null, "contract address collision");
      return null;
    }
    int snapshot = state.snapshot();
    state.createContract(address);
    state.setNonce(address, 1);
    state.subBalance(caller, value);
    state.addBalance(address, value);
    if (initcode.length == 0) {
      immediate(true, false, gas, Frame.EMPTY, address, null);
      return null;
    }
    Frame f = frame(depth);
    f.init(K_CREATE, true, address, caller, value, Frame.EMPTY, new Code(initcode), false, gas, snapshot);
    return f;
  }

  /** Runs frames until the one at {@code first}'s depth finishes; its result lands in res*. */
  private void runFrames(Frame first) {
    int bottom = first.depth;
    Frame f = first;
    while (true) {
      int status;
      try {
        status = run(f);
      } catch (StackOverflowError | OutOfMemoryError e) {
        f.error = e.getClass().getSimpleName();
        status = S_HALT;
      }
      if (status == S_CHILD) {
        f = frames[f.depth + 1];
        continue;
      }
      finish(f, status);
      traceExit(f.depth);
      if (f.depth == bottom) {
        return;
      }
      Frame parent = frames[f.depth - 1];
      resume(parent, f);
      f = parent;
    }
  }

  /** Turns a finished frame's status into the res* fields, reverting or depositing code. */
  private void finish(Frame f, int status) {
    if (status == S_STOP && f.isCreate) {
      byte[] code = f.output;
      String err = null;
      if (code.length > MAX_CODE_SIZE) {
        err = "max code size exceeded";
      } else if (code.length > 0 && (code[0] & 0xFF) == 0xEF) {
        err = "invalid code: must not begin with 0xef";
      } else if (f.gas < 200L * code.length) {
        err = "contract creation code storage out of gas";
      }
      if (err != null) {
        f.error = err;
        status = S_HALT;
      } else {
        f.gas -= 200L * code.length;
        state.setCode(f.address, code);
        immediate(true, false, f.gas, code, f.address, null);
        return;
      }
    }
    switch (status) {
      case S_STOP -> immediate(true, false, f.gas, f.output, null, null);
      case S_REVERT -> {
        state.revertTo(f.snapshot);
        immediate(false, true, f.gas, f.output, null, "execution reverted");
      }
      default -> {
        state.revertTo(f.snapshot);
        immediate(false, false, 0, Frame.EMPTY, null, f.error == null ? "halted" : f.error);
      }
    }
  }

  /** Hands the child's result (in res*) to the parent frame that suspended for it. */
  private void resume(Frame p, Frame child) {
    applyChildResult(p, child.isCreate, child.retOffset, child.retSize);
  }

  private void applyChildResult(Frame p, boolean wasCreate, long retOffset, long retSize) {
    p.gas += resGas;
    long[] s = p.stack;
    int b = p.sp * 4;
    if (wasCreate) {
      if (resSuccess) {
        Word w = resCreated.toWord();
        U256.set(s, b, w.l0, w.l1, w.l2, w.l3);
      } else {
        U256.setLong(s, b, 0);
      }
      p.returnData = resReverted ? resOutput : Frame.EMPTY;
    } else {
      U256.setLong(s, b, resSuccess ? 1 : 0);
      p.returnData = resOutput;
      if ((resSuccess || resReverted) && retSize > 0) {
        int n = (int) Math.min(retSize, resOutput.length);
        System.arraycopy(resOutput, 0, p.memory.data(), (int) retOffset, n);
      }
    }
    p.sp++;
  }

  // ---------------------------------------------------------------- interpreter

  private static int halt(Frame f, String why) {
    f.gas = 0;
    f.error = why;
    return S_HALT;
  }

  /** Runs {@code f} until it stops, reverts, halts or suspends for a child frame. */
  private int run(Frame f) {
    final byte[] code = f.code.bytes();
    final long[] s = f.stack;
    final int len = code.length;
    // the hot state lives in locals; it goes back to the frame before anything else reads it
    int pc = f.pc;
    int sp = f.sp;
    long gas = f.gas;
    while (true) {
      if (pc >= len) {
        f.pc = pc;
        f.sp = sp;
        f.gas = gas;
        f.output = Frame.EMPTY;
        return S_STOP;
      }
      int op = code[pc] & 0xFF;
      if (tracer != null) {
        tracer.step(f.depth, pc, op, gas, s, sp);
      }
      int need = OpTable.STACK_IN[op];
      if (need < 0) {
        return halt(f, op == 0xFE ? "invalid opcode: INVALID" : "invalid opcode 0x" + Integer.toHexString(op));
      }
      if (sp < need) {
        return halt(f, "stack underflow");
      }
      if (sp - need + OpTable.STACK_OUT[op] > Frame.STACK_LIMIT) {
        return halt(f, "stack limit reached");
      }
      long g = OpTable.STATIC_GAS[op];
      if (gas < g) {
        return halt(f, "out of gas");
      }
      gas -= g;
      int a = (sp - 1) * 4; // top
      int b = a - 4; // second
      switch (op) {
        case 0x01 -> { U256.add(s, a, b); sp--; pc++; }
        case 0x02 -> { U256.mul(s, a, b); sp--; pc++; }
        case 0x03 -> { U256.sub(s, a, b); sp--; pc++; }
        case 0x04 -> { math.divMod(s, a, b, false); sp--; pc++; }
        case 0x05 -> { math.signedDivMod(s, a, b, false); sp--; pc++; }
        case 0x06 -> { math.divMod(s, a, b, true); sp--; pc++; }
        case 0x07 -> { math.signedDivMod(s, a, b, true); sp--; pc++; }
        case 0x08 -> { math.addMod(s, a, b, b - 4); sp -= 2; pc++; }
        case 0x09 -> { math.mulMod(s, a, b, b - 4); sp -= 2; pc++; }
        case 0x0b -> { U256.signExtend(s, a, b); sp--; pc++; }
        case 0x10 -> { U256.setLong(s, b, U256.compare(s, a, b) < 0 ? 1 : 0); sp--; pc++; }
        case 0x11 -> { U256.setLong(s, b, U256.compare(s, a, b) > 0 ? 1 : 0); sp--; pc++; }
        case 0x12 -> { U256.setLong(s, b, U256.signedCompare(s, a, b) < 0 ? 1 : 0); sp--; pc++; }
        case 0x13 -> { U256.setLong(s, b, U256.signedCompare(s, a, b) > 0 ? 1 : 0); sp--; pc++; }
        case 0x14 -> { U256.setLong(s, b, U256.compare(s, a, b) == 0 ? 1 : 0); sp--; pc++; }
        case 0x15 -> { U256.setLong(s, a, U256.isZero(s, a) ? 1 : 0); pc++; }
        case 0x16 -> { U256.set(s, b, s[a] & s[b], s[a + 1] & s[b + 1], s[a + 2] & s[b + 2], s[a + 3] & s[b + 3]); sp--; pc++; }
        case 0x17 -> { U256.set(s, b, s[a] | s[b], s[a + 1] | s[b + 1], s[a + 2] | s[b + 2], s[a + 3] | s[b + 3]); sp--; pc++; }
        case 0x18 -> { U256.set(s, b, s[a] ^ s[b], s[a + 1] ^ s[b + 1], s[a + 2] ^ s[b + 2], s[a + 3] ^ s[b + 3]); sp--; pc++; }
        case 0x19 -> { U256.set(s, a, ~s[a], ~s[a + 1], ~s[a + 2], ~s[a + 3]); pc++; }
        case 0x1a -> { U256.byteOp(s, a, b); sp--; pc++; }
        case 0x1b -> { math.shl(s, a, b); sp--; pc++; }
        case 0x1c -> { math.shr(s, a, b, false); sp--; pc++; }
        case 0x1d -> { math.shr(s, a, b, true); sp--; pc++; }
        case 0x50 -> { sp--; pc++; }
        case 0x56 -> {
          if ((s[a + 1] | s[a + 2] | s[a + 3]) != 0 || s[a] < 0 || !f.code.isJumpDest(s[a])) {
            return halt(f, "invalid jump destination");
          }
          pc = (int) s[a];
          sp--;
        }
        case 0x57 -> {
          if (U256.isZero(s, b)) {
            pc++;
          } else if ((s[a + 1] | s[a + 2] | s[a + 3]) != 0 || s[a] < 0 || !f.code.isJumpDest(s[a])) {
            return halt(f, "invalid jump destination");
          } else {
            pc = (int) s[a];
          }
          sp -= 2;
        }
        case 0x58 -> { U256.setLong(s, sp * 4, pc); sp++; pc++; }
        case 0x5a -> { U256.setLong(s, sp * 4, gas); sp++; pc++; }
        case 0x5b -> pc++;
        case 0x5f -> { U256.setLong(s, sp * 4, 0); sp++; pc++; }
        case 0x60 -> {
          U256.setLong(s, sp * 4, pc + 1 < len ? code[pc + 1] & 0xFF : 0);
          sp++;
          pc += 2;
        }
        case 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70,
            0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f -> {
          pushN(s, sp * 4, code, pc, op - 0x5f);
          sp++;
          pc += 1 + op - 0x5f;
        }
        case 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f -> {
          System.arraycopy(s, (sp - (op - 0x7f)) * 4, s, sp * 4, 4);
          sp++;
          pc++;
        }
        case 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f -> {
          swap(s, a, (sp - 2 - (op - 0x90)) * 4);
          pc++;
        }
        default -> {
          f.pc = pc + 1;
          f.sp = sp;
          f.gas = gas;
          int r = slow(f, op, code, s, a, b);
          if (r != 0) {
            return r;
          }
          pc = f.pc;
          sp = f.sp;
          gas = f.gas;
        }
      }
    }
  }

  /** The opcodes that touch memory, state, the environment or other frames (state in {@code f}). */
  private int slow(Frame f, int op, byte[] code, long[] s, int a, int b) {
      switch (op) {
        case 0x00:
          f.output = Frame.EMPTY;
          return S_STOP;
        case 0x0a:
          if (!exp(f, s, a, b)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x20:
          if (!sha3(f, s, a, b)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x30:
          pushAddress(f, f.address);
          return 0;
        case 0x31:
          if (!balance(f, s, a)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x32:
          pushAddress(f, tx.origin());
          return 0;
        case 0x33:
          pushAddress(f, f.caller);
          return 0;
        case 0x34:
          pushWord(f, f.value);
          return 0;
        case 0x35:
          callDataLoad(f, s, a);
          return 0;
        case 0x36:
          pushLong(f, f.input.length);
          return 0;
        case 0x37:
          if (!copyToMemory(f, f.input)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x38:
          pushLong(f, code.length);
          return 0;
        case 0x39:
          if (!copyToMemory(f, code)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x3a:
          pushWord(f, tx.gasPrice());
          return 0;
        case 0x3b:
          if (!extCodeSize(f, s, a)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x3c:
          if (!extCodeCopy(f, s, a)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x3d:
          pushLong(f, f.returnData.length);
          return 0;
        case 0x3e: {
          String err = returnDataCopy(f, s, a);
          if (err != null) {
            return halt(f, err);
          }
          return 0;
        }
        case 0x3f:
          if (!extCodeHash(f, s, a)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x40:
          blockHash(s, a);
          return 0;
        case 0x41:
          pushAddress(f, block.coinbase());
          return 0;
        case 0x42:
          pushLong(f, block.timestamp());
          return 0;
        case 0x43:
          pushLong(f, block.number());
          return 0;
        case 0x44:
          pushWord(f, block.prevRandao());
          return 0;
        case 0x45:
          pushLong(f, block.gasLimit());
          return 0;
        case 0x46:
          pushLong(f, block.chainId());
          return 0;
        case 0x47:
          pushWord(f, state.balance(f.address));
          return 0;
        case 0x48:
          pushWord(f, block.baseFee());
          return 0;
        case 0x49:
          blobHash(s, a);
          return 0;
        case 0x4a:
          pushWord(f, block.blobBaseFee());
          return 0;
        case 0x51:
          if (!mload(f, s, a)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x52:
          if (!mstore(f, s, a, b)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x53:
          if (!mstore8(f, s, a, b)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x54:
          if (!sload(f, s, a)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0x55: {
          String err = sstore(f, s, a, b);
          if (err != null) {
            return halt(f, err);
          }
          return 0;
        }
        case 0x59:
          pushLong(f, f.memory.size());
          return 0;
        case 0x5c:
          Word tv = state.transientStorage(f.address, word(s, a));
          U256.set(s, a, tv.l0, tv.l1, tv.l2, tv.l3);
          return 0;
        case 0x5d:
          if (f.isStatic) {
            return halt(f, "write protection");
          }
          state.setTransientStorage(f.address, word(s, a), word(s, b));
          f.sp -= 2;
          return 0;
        case 0x5e:
          if (!mcopy(f, s, a)) {
            return halt(f, "out of gas");
          }
          return 0;
        case 0xa0: case 0xa1: case 0xa2: case 0xa3: case 0xa4: {
          String err = log(f, s, a, op - 0xa0);
          if (err != null) {
            return halt(f, err);
          }
          return 0;
        }
        case 0xf0:
        case 0xf5: {
          int r = create(f, s, a, op == 0xf5);
          if (r != 0) {
            return r;
          }
          return 0;
        }
        case 0xf1:
        case 0xf2:
        case 0xf4:
        case 0xfa: {
          int kind = op == 0xf1 ? K_CALL : op == 0xf2 ? K_CALLCODE : op == 0xf4 ? K_DELEGATECALL : K_STATICCALL;
          int r = call(f, s, a, kind);
          if (r != 0) {
            return r;
          }
          return 0;
        }
        case 0xf3:
        case 0xfd: {
          long off = small(s, a);
          long n = small(s, b);
          if (!expand(f, off, n)) {
            return halt(f, "out of gas");
          }
          f.output = f.memory.slice(off, n);
          f.sp -= 2;
          return op == 0xf3 ? S_STOP : S_REVERT;
        }
        case 0xff: {
          String err = selfDestruct(f, s, a);
          if (err != null) {
            return halt(f, err);
          }
          f.sp--;
          f.output = Frame.EMPTY;
          return S_STOP;
        }
        default:
          return halt(f, "invalid opcode 0x" + Integer.toHexString(op));
      }
  }

  private static void pushN(long[] s, int base, byte[] code, int pc, int n) {
    long l0 = 0, l1 = 0, l2 = 0, l3 = 0;
    int start = pc + 1;
    for (int i = 0; i < n; i++) {
      int idx = start + i;
      long v = idx < code.length ? code[idx] & 0xFFL : 0;
      int k = n - 1 - i;
      int shift = (k & 7) * 8;
      switch (k >>> 3) {
        case 0 -> l0 |= v << shift;
        case 1 -> l1 |= v << shift;
        case 2 -> l2 |= v << shift;
        default -> l3 |= v << shift;
      }
    }
    U256.set(s, base, l0, l1, l2, l3);
  }

  // ---------------------------------------------------------------- helpers

  private static Word word(long[] s, int a) {
    return new Word(s[a], s[a + 1], s[a + 2], s[a + 3]);
  }

  private static EvmAddress address(long[] s, int a) {
    return EvmAddress.fromLimbs(s[a], s[a + 1], s[a + 2]);
  }

  /** A stack value usable as an offset or length (below 2^32), else {@link #BIG}. */
  private static long small(long[] s, int a) {
    if ((s[a + 1] | s[a + 2] | s[a + 3]) != 0 || s[a] < 0 || s[a] > 0xFFFFFFFFL) {
      return BIG;
    }
    return s[a];
  }

  private static void pushLong(Frame f, long v) {
    U256.setLong(f.stack, f.sp * 4, v);
    f.sp++;
  }

  private static void pushWord(Frame f, Word w) {
    U256.set(f.stack, f.sp * 4, w.l0, w.l1, w.l2, w.l3);
    f.sp++;
  }

  private static void pushAddress(Frame f, EvmAddress a) {
    pushWord(f, a.toWord());
  }

  private static void swap(long[] s, int a, int c) {
    for (int i = 0; i < 4; i++) {
      long t = s[a + i];
      s[a + i] = s[c + i];
      s[c + i] = t;
    }
  }

  private static boolean charge(Frame f, long gas) {
    if (f.gas < gas) {
      return false;
    }
    f.gas -= gas;
    return true;
  }

  /** Charges for and grows memory to cover [off, off+len); false on out of gas. */
  private static boolean expand(Frame f, long off, long len) {
    if (len == 0) {
      return true;
    }
    if (off == BIG || len == BIG) {
      return false;
    }
    long end = off + len;
    Memory m = f.memory;
    if (end <= m.size()) {
      return true;
    }
    if (end > MAX_MEMORY) {
      return false; // would cost over 2^40 gas: no block pays for it
    }
    long words = (end + 31) >>> 5;
    long fee = Memory.cost(words) - Memory.cost(m.size() >>> 5);
    if (f.gas < fee) {
      return false;
    }
    f.gas -= fee;
    m.grow(words << 5);
    return true;
  }

  private static long words(long len) {
    return (len + 31) >>> 5;
  }

  private boolean exp(Frame f, long[] s, int a, int b) {
    int bytes = U256.byteLength(s, b);
    if (!charge(f, 50L * bytes)) {
      return false;
    }
    math.exp(s, a, b);
    f.sp--;
    return true;
  }

  private static boolean sha3(Frame f, long[] s, int a, int b) {
    long off = small(s, a);
    long n = small(s, b);
    if (n == BIG || !expand(f, off, n) || !charge(f, 6 * words(n))) {
      return false;
    }
    byte[] h = n == 0 ? Keccak.EMPTY.toBytes() : Keccak.digest(f.memory.data(), (int) off, (int) n);
    Word w = Word.fromBytes(h);
    U256.set(s, b, w.l0, w.l1, w.l2, w.l3);
    f.sp--;
    return true;
  }

  private boolean accountAccess(Frame f, EvmAddress addr) {
    return state.warmAccount(addr) || charge(f, 2500);
  }

  private boolean balance(Frame f, long[] s, int a) {
    EvmAddress addr = address(s, a);
    if (!accountAccess(f, addr)) {
      return false;
    }
    Word bal = state.balance(addr);
    U256.set(s, a, bal.l0, bal.l1, bal.l2, bal.l3);
    return true;
  }

  private boolean extCodeSize(Frame f, long[] s, int a) {
    EvmAddress addr = address(s, a);
    if (!accountAccess(f, addr)) {
      return false;
    }
    U256.setLong(s, a, state.code(addr).length);
    return true;
  }

  private boolean extCodeHash(Frame f, long[] s, int a) {
    EvmAddress addr = address(s, a);
    if (!accountAccess(f, addr)) {
      return false;
    }
    Word h = state.isEmpty(addr) ? Word.ZERO : state.codeHash(addr);
    U256.set(s, a, h.l0, h.l1, h.l2, h.l3);
    return true;
  }

  private boolean extCodeCopy(Frame f, long[] s, int a) {
    EvmAddress addr = address(s, a);
    long memOff = small(s, a - 4);
    long codeOff = small(s, a - 8);
    long n = small(s, a - 12);
    if (n == BIG || !expand(f, memOff, n) || !charge(f, 3 * words(n)) || !accountAccess(f, addr)) {
      return false;
    }
    f.memory.copyIn(memOff, state.code(addr), codeOff, n);
    f.sp -= 4;
    return true;
  }

  private static void callDataLoad(Frame f, long[] s, int a) {
    long off = small(s, a);
    byte[] in = f.input;
    long l0 = 0, l1 = 0, l2 = 0, l3 = 0;
    if (off != BIG && off < in.length) {
      for (int i = 0; i < 32; i++) {
        long idx = off + i;
        long v = idx < in.length ? in[(int) idx] & 0xFFL : 0;
        int k = 31 - i;
        int shift = (k & 7) * 8;
        switch (k >>> 3) {
          case 0 -> l0 |= v << shift;
          case 1 -> l1 |= v << shift;
          case 2 -> l2 |= v << shift;
          default -> l3 |= v << shift;
        }
      }
    }
    U256.set(s, a, l0, l1, l2, l3);
  }

  /** CALLDATACOPY / CODECOPY: memOff, srcOff, len. */
  private static boolean copyToMemory(Frame f, byte[] src) {
    long[] s = f.stack;
    int a = (f.sp - 1) * 4;
    long memOff = small(s, a);
    long srcOff = small(s, a - 4);
    long n = small(s, a - 8);
    if (n == BIG || !expand(f, memOff, n) || !charge(f, 3 * words(n))) {
      return false;
    }
    f.memory.copyIn(memOff, src, srcOff == BIG ? Long.MAX_VALUE : srcOff, n);
    f.sp -= 3;
    return true;
  }

  private static String returnDataCopy(Frame f, long[] s, int a) {
    long memOff = small(s, a);
    long srcOff = small(s, a - 4);
    long n = small(s, a - 8);
    if (n == BIG || !expand(f, memOff, n) || !charge(f, 3 * words(n))) {
      return "out of gas";
    }
    if (srcOff == BIG || srcOff + n > f.returnData.length) {
      return "return data out of bounds";
    }
    f.memory.copyIn(memOff, f.returnData, srcOff, n);
    f.sp -= 3;
    return null;
  }

  private static boolean mcopy(Frame f, long[] s, int a) {
    long dst = small(s, a);
    long src = small(s, a - 4);
    long n = small(s, a - 8);
    if (n == BIG) {
      return false;
    }
    if (n > 0) {
      long far = Math.max(dst == BIG ? BIG : dst, src == BIG ? BIG : src);
      if (far == BIG || !expand(f, far, n)) {
        return false;
      }
      // both ranges must be paid: expanding to the farther one covers the nearer
    }
    if (!charge(f, 3 * words(n))) {
      return false;
    }
    if (n > 0) {
      byte[] d = f.memory.data();
      System.arraycopy(d, (int) src, d, (int) dst, (int) n);
    }
    f.sp -= 3;
    return true;
  }

  private void blockHash(long[] s, int a) {
    long cur = block.number();
    Word h = Word.ZERO;
    if ((s[a + 1] | s[a + 2] | s[a + 3]) == 0 && s[a] >= 0) {
      long n = s[a];
      if (n < cur && n >= cur - 256) {
        h = block.blockHashes().hash(n);
      }
    }
    U256.set(s, a, h.l0, h.l1, h.l2, h.l3);
  }

  private void blobHash(long[] s, int a) {
    List<Word> hashes = tx.blobHashes();
    Word h = Word.ZERO;
    if ((s[a + 1] | s[a + 2] | s[a + 3]) == 0 && s[a] >= 0 && s[a] < hashes.size()) {
      h = hashes.get((int) s[a]);
    }
    U256.set(s, a, h.l0, h.l1, h.l2, h.l3);
  }

  private static boolean mload(Frame f, long[] s, int a) {
    long off = small(s, a);
    if (!expand(f, off, 32)) {
      return false;
    }
    byte[] d = f.memory.data();
    int o = (int) off;
    U256.set(s, a, getLong(d, o + 24), getLong(d, o + 16), getLong(d, o + 8), getLong(d, o));
    return true;
  }

  private static long getLong(byte[] d, int o) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[o + i] & 0xFFL);
    }
    return v;
  }

  private static boolean mstore(Frame f, long[] s, int a, int b) {
    long off = small(s, a);
    if (!expand(f, off, 32)) {
      return false;
    }
    byte[] d = f.memory.data();
    int o = (int) off;
    Word.putLong(d, o, s[b + 3]);
    Word.putLong(d, o + 8, s[b + 2]);
    Word.putLong(d, o + 16, s[b + 1]);
    Word.putLong(d, o + 24, s[b]);
    f.sp -= 2;
    return true;
  }

  private static boolean mstore8(Frame f, long[] s, int a, int b) {
    long off = small(s, a);
    if (!expand(f, off, 1)) {
      return false;
    }
    f.memory.data()[(int) off] = (byte) s[b];
    f.sp -= 2;
    return true;
  }

  private boolean sload(Frame f, long[] s, int a) {
    Word key = word(s, a);
    if (!state.warmSlot(f.address, key)) {
      if (!charge(f, 2100)) {
        return false;
      }
    } else if (!charge(f, 100)) {
      return false;
    }
    Word v = state.storage(f.address, key);
    U256.set(s, a, v.l0, v.l1, v.l2, v.l3);
    return true;
  }

  /** EIP-2200 with EIP-2929 costs and EIP-3529 refunds. */
  private String sstore(Frame f, long[] s, int a, int b) {
    if (f.isStatic) {
      return "write protection";
    }
    if (f.gas <= 2300) {
      return "out of gas";
    }
    Word key = word(s, a);
    Word value = word(s, b);
    long cost = 0;
    if (!state.warmSlot(f.address, key)) {
      cost = 2100;
    }
    Word current = state.storage(f.address, key);
    if (current.equals(value)) {
      cost += 100;
    } else {
      Word original = state.originalStorage(f.address, key);
      if (original.equals(current)) {
        if (original.isZero()) {
          cost += 20000;
        } else {
          if (value.isZero()) {
            state.addRefund(4800);
          }
          cost += 2900;
        }
      } else {
        cost += 100;
        if (!original.isZero()) {
          if (current.isZero()) {
            state.subRefund(4800);
          } else if (value.isZero()) {
            state.addRefund(4800);
          }
        }
        if (original.equals(value)) {
          state.addRefund(original.isZero() ? 19900 : 2800);
        }
      }
    }
    if (!charge(f, cost)) {
      return "out of gas";
    }
    if (!current.equals(value)) {
      state.setStorage(f.address, key, value);
    }
    f.sp -= 2;
    return null;
  }

  private String log(Frame f, long[] s, int a, int topics) {
    if (f.isStatic) {
      return "write protection";
    }
    long off = small(s, a);
    long n = small(s, a - 4);
    if (n == BIG || !expand(f, off, n) || !charge(f, 375L * topics + 8 * n)) {
      return "out of gas";
    }
    List<Word> t = new ArrayList<>(topics);
    for (int i = 0; i < topics; i++) {
      t.add(word(s, a - 8 - 4 * i));
    }
    state.addLog(new EvmLog(f.address, t, f.memory.slice(off, n)));
    f.sp -= 2 + topics;
    return null;
  }

  private String selfDestruct(Frame f, long[] s, int a) {
    if (f.isStatic) {
      return "write protection";
    }
    EvmAddress beneficiary = address(s, a);
    if (!state.warmAccount(beneficiary) && !charge(f, 2600)) {
      return "out of gas";
    }
    Word bal = state.balance(f.address);
    if (!bal.isZero() && state.isEmpty(beneficiary) && !charge(f, 25000)) {
      return "out of gas";
    }
    state.subBalance(f.address, bal);
    state.addBalance(beneficiary, bal);
    if (state.createdInThisTransaction(f.address)) {
      state.markDestructed(f.address);
      state.subBalance(f.address, state.balance(f.address));
    }
    return null;
  }

  /** CALL, CALLCODE, DELEGATECALL, STATICCALL. Returns 0 to continue, or a status. */
  private int call(Frame f, long[] s, int a, int kind) {
    boolean hasValue = kind == K_CALL || kind == K_CALLCODE;
    long reqGas = (s[a + 1] | s[a + 2] | s[a + 3]) != 0 || s[a] < 0 ? Long.MAX_VALUE : s[a];
    EvmAddress target = address(s, a - 4);
    int p = a - 8;
    Word value = Word.ZERO;
    if (hasValue) {
      value = word(s, p);
      p -= 4;
    }
    long inOff = small(s, p);
    long inLen = small(s, p - 4);
    long retOff = small(s, p - 8);
    long retLen = small(s, p - 12);
    if (kind == K_CALL && f.isStatic && !value.isZero()) {
      return halt(f, "write protection");
    }
    if (!accountAccess(f, target)) {
      return halt(f, "out of gas");
    }
    if (!expand(f, inOff, inLen) || !expand(f, retOff, retLen)) {
      return halt(f, "out of gas");
    }
    if (!value.isZero()) {
      if (!charge(f, 9000)) {
        return halt(f, "out of gas");
      }
      if (kind == K_CALL && state.isEmpty(target) && !charge(f, 25000)) {
        return halt(f, "out of gas");
      }
    }
    long avail = f.gas - f.gas / 64;
    long callGas = Math.min(reqGas, avail);
    f.gas -= callGas;
    if (!value.isZero()) {
      callGas += 2300;
    }
    f.sp -= hasValue ? 7 : 6;
    byte[] input = f.memory.slice(inOff, inLen);
    Frame child;
    int depth = f.depth + 1;
    switch (kind) {
      case K_CALL -> child = startCall(depth, K_CALL, f.address, target, target, value, value, input, callGas, f.isStatic);
      case K_CALLCODE -> child =
          startCall(depth, K_CALLCODE, f.address, f.address, target, value, value, input, callGas, f.isStatic);
      case K_DELEGATECALL -> child =
          startCall(depth, K_DELEGATECALL, f.caller, f.address, target, Word.ZERO, f.value, input, callGas, f.isStatic);
      default -> child = startCall(depth, K_STATICCALL, f.address, target, target, Word.ZERO, Word.ZERO, input, callGas, true);
    }
    if (child == null) {
      applyChildResult(f, false, retOff, retLen);
      return 0;
    }
    child.retOffset = retOff;
    child.retSize = retLen;
    return S_CHILD;
  }

  /** CREATE and CREATE2. Returns 0 to continue, or a status. */
  private int create(Frame f, long[] s, int a, boolean create2) {
    if (f.isStatic) {
      return halt(f, "write protection");
    }
    Word value = word(s, a);
    long off = small(s, a - 4);
    long n = small(s, a - 8);
    if (n != BIG && n > MAX_INITCODE_SIZE) {
      return halt(f, "max initcode size exceeded");
    }
    if (n == BIG || !expand(f, off, n)) {
      return halt(f, "out of gas");
    }
    long wordCost = (create2 ? 8 : 2) * words(n);
    if (!charge(f, wordCost)) {
      return halt(f, "out of gas");
    }
    byte[] initcode = f.memory.slice(off, n);
    EvmAddress address;
    if (create2) {
      Word salt = word(s, a - 12);
      address = create2Address(f.address, salt, initcode);
    } else {
      address = createAddress(f.address, state.nonce(f.address));
    }
    long callGas = f.gas - f.gas / 64;
    f.gas -= callGas;
    f.sp -= create2 ? 4 : 3;
    f.returnData = Frame.EMPTY;
    Frame child = startCreate(f.depth + 1, f.address, value, initcode, callGas, address, create2);
    if (child == null) {
      applyChildResult(f, true, 0, 0);
      return 0;
    }
    return S_CHILD;
  }

  /** keccak(rlp([sender, nonce]))[12:]. */
  public static EvmAddress createAddress(EvmAddress sender, long nonce) {
    byte[] nonceEnc;
    if (nonce == 0) {
      nonceEnc = new byte[] {(byte) 0x80};
    } else if (nonce > 0 && nonce < 0x80) {
      nonceEnc = new byte[] {(byte) nonce};
    } else {
      int bytes = 8 - Long.numberOfLeadingZeros(nonce) / 8;
      nonceEnc = new byte[bytes + 1];
      nonceEnc[0] = (byte) (0x80 + bytes);
      for (int i = 0; i < bytes; i++) {
        nonceEnc[bytes - i] = (byte) (nonce >>> (8 * i));
      }
    }
    byte[] rlp = new byte[1 + 21 + nonceEnc.length];
    rlp[0] = (byte) (0xc0 + 21 + nonceEnc.length);
    rlp[1] = (byte) 0x94;
    System.arraycopy(sender.unsafeBytes(), 0, rlp, 2, 20);
    System.arraycopy(nonceEnc, 0, rlp, 22, nonceEnc.length);
    byte[] h = Keccak.digest(rlp);
    return EvmAddress.of(java.util.Arrays.copyOfRange(h, 12, 32));
  }

  /** keccak(0xff ++ sender ++ salt ++ keccak(initcode))[12:]. */
  public static EvmAddress create2Address(EvmAddress sender, Word salt, byte[] initcode) {
    byte[] buf = new byte[85];
    buf[0] = (byte) 0xff;
    System.arraycopy(sender.unsafeBytes(), 0, buf, 1, 20);
    salt.into(buf, 21);
    System.arraycopy(Keccak.digest(initcode), 0, buf, 53, 32);
    byte[] h = Keccak.digest(buf);
    return EvmAddress.of(java.util.Arrays.copyOfRange(h, 12, 32));
  }
}
