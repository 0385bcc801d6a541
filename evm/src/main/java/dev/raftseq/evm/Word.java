package dev.raftseq.evm;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An immutable 256-bit unsigned value: storage keys and values, balances, hashes. The
 * interpreter's stack does not use it (it works on limbs in place, see {@link U256}); values
 * cross into this type only where they are kept (state, logs).
 *
 * <p>Limbs are little-endian: {@code l0} holds bits 0..63, {@code l3} bits 192..255.
 */
public final class Word implements Comparable<Word> {
  public static final Word ZERO = new Word(0, 0, 0, 0);
  public static final Word ONE = new Word(1, 0, 0, 0);
  public static final Word MAX = new Word(-1L, -1L, -1L, -1L);

  public final long l0;
  public final long l1;
  public final long l2;
  public final long l3;

  public Word(long l0, long l1, long l2, long l3) {
    this.l0 = l0;
    this.l1 = l1;
    this.l2 = l2;
    this.l3 = l3;
  }

  public static Word of(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("negative: " + v);
    }
    return v == 0 ? ZERO : new Word(v, 0, 0, 0);
  }

  /** From big-endian bytes (at most 32; shorter arrays are left-padded with zeros). */
  public static Word fromBytes(byte[] b) {
    return fromBytes(b, 0, b.length);
  }

  public static Word fromBytes(byte[] b, int off, int len) {
    if (len > 32) {
      throw new IllegalArgumentException("more than 32 bytes: " + len);
    }
    long[] l = new long[4];
    for (int i = 0; i < len; i++) {
      int bit = (len - 1 - i) * 8;
      l[bit >>> 6] |= (b[off + i] & 0xFFL) << (bit & 63);
    }
    return new Word(l[0], l[1], l[2], l[3]);
  }

  public static Word fromBigInteger(BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > 256) {
      throw new IllegalArgumentException("not a 256-bit unsigned value: " + v);
    }
    return new Word(v.longValue(), v.shiftRight(64).longValue(), v.shiftRight(128).longValue(), v.shiftRight(192).longValue());
  }

  /** From a 0x-prefixed (or bare) hex string of at most 64 digits. */
  public static Word fromHex(String hex) {
    String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (h.isEmpty()) {
      return ZERO;
    }
    return fromBigInteger(new BigInteger(h, 16));
  }

  public byte[] toBytes() {
    byte[] out = new byte[32];
    into(out, 0);
    return out;
  }

  /** Writes the 32 big-endian bytes at {@code off}. */
  public void into(byte[] out, int off) {
    putLong(out, off, l3);
    putLong(out, off + 8, l2);
    putLong(out, off + 16, l1);
    putLong(out, off + 24, l0);
  }

  static void putLong(byte[] out, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      out[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  /** The value without leading zero bytes (empty for zero). */
  public byte[] toMinimalBytes() {
    byte[] b = toBytes();
    int i = 0;
    while (i < 32 && b[i] == 0) {
      i++;
    }
    return Arrays.copyOfRange(b, i, 32);
  }

  public BigInteger toBigInteger() {
    return new BigInteger(1, toBytes());
  }

  public boolean isZero() {
    return (l0 | l1 | l2 | l3) == 0;
  }

  /** True when the value fits in a non-negative long. */
  public boolean fitsLong() {
    return (l1 | l2 | l3) == 0 && l0 >= 0;
  }

  /** The value as a long, or Long.MAX_VALUE when larger. */
  public long clampedLong() {
    return fitsLong() ? l0 : Long.MAX_VALUE;
  }

  public Word add(Word o) {
    long r0 = l0 + o.l0;
    long c = Long.compareUnsigned(r0, l0) < 0 ? 1 : 0;
    long t1 = l1 + o.l1;
    long c1 = Long.compareUnsigned(t1, l1) < 0 ? 1 : 0;
    long r1 = t1 + c;
    c1 |= (Long.compareUnsigned(r1, t1) < 0 ? 1 : 0);
    long t2 = l2 + o.l2;
    long c2 = Long.compareUnsigned(t2, l2) < 0 ? 1 : 0;
    long r2 = t2 + c1;
    c2 |= (Long.compareUnsigned(r2, t2) < 0 ? 1 : 0);
    long r3 = l3 + o.l3 + c2;
    return new Word(r0, r1, r2, r3);
  }

  /** True when {@code this + o} exceeds 2^256 - 1. */
  public boolean addOverflows(Word o) {
    return add(o).compareTo(this) < 0;
  }

  public Word subtract(Word o) {
    long r0 = l0 - o.l0;
    long b = Long.compareUnsigned(l0, o.l0) < 0 ? 1 : 0;
    long t1 = l1 - o.l1;
    long b1 = Long.compareUnsigned(l1, o.l1) < 0 ? 1 : 0;
    long r1 = t1 - b;
    b1 |= (Long.compareUnsigned(t1, b) < 0 ? 1 : 0);
    long t2 = l2 - o.l2;
    long b2 = Long.compareUnsigned(l2, o.l2) < 0 ? 1 : 0;
    long r2 = t2 - b1;
    b2 |= (Long.compareUnsigned(t2, b1) < 0 ? 1 : 0);
    long r3 = l3 - o.l3 - b2;
    return new Word(r0, r1, r2, r3);
  }

  @Override
  public int compareTo(Word o) {
    int c = Long.compareUnsigned(l3, o.l3);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(l2, o.l2);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(l1, o.l1);
    return c != 0 ? c : Long.compareUnsigned(l0, o.l0);
  }

  public boolean lessThan(Word o) {
    return compareTo(o) < 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Word w && w.l0 == l0 && w.l1 == l1 && w.l2 == l2 && w.l3 == l3;
  }

  @Override
  public int hashCode() {
    long h = l0 * 31 + l1;
    h = h * 31 + l2;
    h = h * 31 + l3;
    return (int) (h ^ (h >>> 32));
  }

  public String toHex() {
    StringBuilder sb = new StringBuilder(66).append("0x");
    for (byte x : toBytes()) {
      sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toHex();
  }
}
