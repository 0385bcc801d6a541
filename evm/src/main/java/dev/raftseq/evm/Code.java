package dev.raftseq.evm;

/**
 * Contract code with its jump-destination analysis: the positions of JUMPDEST bytes that are
 * opcodes (not PUSH data). Immutable once built; shared through {@link CodeCache}.
 */
public final class Code {
  public static final Code EMPTY = new Code(new byte[0]);

  private final byte[] bytes;
  private final long[] jumpDests;

  public Code(byte[] bytes) {
    this.bytes = bytes;
    this.jumpDests = analyse(bytes);
  }

  private static long[] analyse(byte[] code) {
    long[] bits = new long[(code.length >>> 6) + 1];
    int i = 0;
    while (i < code.length) {
      int op = code[i] & 0xFF;
      if (op == 0x5b) {
        bits[i >>> 6] |= 1L << (i & 63);
        i++;
      } else if (op >= 0x60 && op <= 0x7f) {
        i += op - 0x5e; // PUSHn: the opcode and n data bytes
      } else {
        i++;
      }
    }
    return bits;
  }

  /** The code bytes; callers must not modify them. */
  public byte[] bytes() {
    return bytes;
  }

  public int size() {
    return bytes.length;
  }

  public boolean isJumpDest(long pos) {
    return pos >= 0 && pos < bytes.length && (jumpDests[(int) (pos >>> 6)] & (1L << (pos & 63))) != 0;
  }
}
