package dev.raftseq.evm;

import java.util.Arrays;

/** A frame's memory: a byte array grown in 32-byte words, zero-filled. */
final class Memory {
  private byte[] data = new byte[1024];
  private long size;

  void reset() {
    Arrays.fill(data, 0, (int) Math.min(size, data.length), (byte) 0);
    size = 0;
  }

  long size() {
    return size;
  }

  byte[] data() {
    return data;
  }

  /** Gas of a memory of {@code words} 32-byte words: 3 per word plus words^2 / 512. */
  static long cost(long words) {
    return 3 * words + words * words / 512;
  }

  /** Grows to {@code newSize} bytes (a multiple of 32, larger than the current size). */
  void grow(long newSize) {
    if (newSize > data.length) {
      long cap = Math.max(newSize, Math.min((long) data.length * 2, Integer.MAX_VALUE - 64));
      data = Arrays.copyOf(data, (int) cap);
    }
    size = newSize;
  }

  byte[] slice(long off, long len) {
    if (len == 0) {
      return new byte[0];
    }
    return Arrays.copyOfRange(data, (int) off, (int) (off + len));
  }

  /** Copies {@code len} bytes of {@code src} from {@code srcOff}, zero-padding past its end. */
  void copyIn(long off, byte[] src, long srcOff, long len) {
    if (len == 0) {
      return;
    }
    int o = (int) off;
    int n = (int) len;
    long avail = srcOff >= src.length ? 0 : Math.min(len, src.length - srcOff);
    if (avail > 0) {
      System.arraycopy(src, (int) srcOff, data, o, (int) avail);
    }
    if (avail < n) {
      Arrays.fill(data, o + (int) avail, o + n, (byte) 0);
    }
  }
}
