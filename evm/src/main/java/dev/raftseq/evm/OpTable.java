package dev.raftseq.evm;

import java.util.Arrays;

/** Per-opcode tables for Cancun: stack items taken and pushed, and constant gas. */
final class OpTable {
  /** Items an opcode pops (-1: undefined opcode). */
  static final int[] STACK_IN = new int[256];
  /** Items an opcode pushes. */
  static final int[] STACK_OUT = new int[256];
  static final long[] STATIC_GAS = new long[256];

  private OpTable() {}

  private static void op(int code, int in, int out, long gas) {
    STACK_IN[code] = in;
    STACK_OUT[code] = out;
    STATIC_GAS[code] = gas;
  }

  static {
    Arrays.fill(STACK_IN, -1);
    op(0x00, 0, 0, 0);
    op(0x01, 2, 1, 3);
    op(0x02, 2, 1, 5);
    op(0x03, 2, 1, 3);
    op(0x04, 2, 1, 5);
    op(0x05, 2, 1, 5);
    op(0x06, 2, 1, 5);
    op(0x07, 2, 1, 5);
    op(0x08, 3, 1, 8);
    op(0x09, 3, 1, 8);
    op(0x0a, 2, 1, 10);
    op(0x0b, 2, 1, 5);
    for (int c = 0x10; c <= 0x14; c++) {
      op(c, 2, 1, 3);
    }
    op(0x15, 1, 1, 3);
    op(0x16, 2, 1, 3);
    op(0x17, 2, 1, 3);
    op(0x18, 2, 1, 3);
    op(0x19, 1, 1, 3);
    op(0x1a, 2, 1, 3);
    op(0x1b, 2, 1, 3);
    op(0x1c, 2, 1, 3);
    op(0x1d, 2, 1, 3);
    op(0x20, 2, 1, 30);
    op(0x30, 0, 1, 2);
    op(0x31, 1, 1, 100);
    op(0x32, 0, 1, 2);
    op(0x33, 0, 1, 2);
    op(0x34, 0, 1, 2);
    op(0x35, 1, 1, 3);
    op(0x36, 0, 1, 2);
    op(0x37, 3, 0, 3);
    op(0x38, 0, 1, 2);
    op(0x39, 3, 0, 3);
    op(0x3a, 0, 1, 2);
    op(0x3b, 1, 1, 100);
    op(0x3c, 4, 0, 100);
    op(0x3d, 0, 1, 2);
    op(0x3e, 3, 0, 3);
    op(0x3f, 1, 1, 100);
    op(0x40, 1, 1, 20);
    for (int c = 0x41; c <= 0x46; c++) {
      op(c, 0, 1, 2);
    }
    op(0x47, 0, 1, 5);
    op(0x48, 0, 1, 2);
    op(0x49, 1, 1, 3);
    op(0x4a, 0, 1, 2);
    op(0x50, 1, 0, 2);
    op(0x51, 1, 1, 3);
    op(0x52, 2, 0, 3);
    op(0x53, 2, 0, 3);
    op(0x54, 1, 1, 0);
    op(0x55, 2, 0, 0);
    op(0x56, 1, 0, 8);
    op(0x57, 2, 0, 10);
    op(0x58, 0, 1, 2);
    op(0x59, 0, 1, 2);
    op(0x5a, 0, 1, 2);
    op(0x5b, 0, 0, 1);
    op(0x5c, 1, 1, 100);
    op(0x5d, 2, 0, 100);
    op(0x5e, 3, 0, 3);
    op(0x5f, 0, 1, 2);
    for (int c = 0x60; c <= 0x7f; c++) {
      op(c, 0, 1, 3);
    }
    for (int n = 1; n <= 16; n++) {
      op(0x7f + n, n, n + 1, 3);
      op(0x8f + n, n + 1, n + 1, 3);
    }
    for (int n = 0; n <= 4; n++) {
      op(0xa0 + n, n + 2, 0, 375);
    }
    op(0xf0, 3, 1, 32000);
    op(0xf1, 7, 1, 100);
    op(0xf2, 7, 1, 100);
    op(0xf3, 2, 0, 0);
    op(0xf4, 6, 1, 100);
    op(0xf5, 4, 1, 32000);
    op(0xfa, 6, 1, 100);
    op(0xfd, 2, 0, 0);
    op(0xff, 1, 0, 5000);
  }
}
