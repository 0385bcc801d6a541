package dev.raftseq.evm;

import java.util.Arrays;

/** A 20-byte account address as the EVM sees it. Immutable. */
public final class EvmAddress implements Comparable<EvmAddress> {
  public static final EvmAddress ZERO = new EvmAddress(new byte[20]);
  private final byte[] bytes;
  private final int hash;

  private EvmAddress(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  public static EvmAddress of(byte[] bytes) {
    if (bytes.length != 20) {
      throw new IllegalArgumentException("address must be 20 bytes, got " + bytes.length);
    }
    return new EvmAddress(bytes.clone());
  }

  /** The low 20 bytes of a 32-byte value. */
  public static EvmAddress fromWord(Word w) {
    return fromLimbs(w.l0, w.l1, w.l2);
  }

  /** The low 20 bytes of the value with little-endian limbs l0, l1, l2 (l2's low 32 bits used). */
  public static EvmAddress fromLimbs(long l0, long l1, long l2) {
    byte[] b = new byte[20];
    int v = (int) l2;
    b[0] = (byte) (v >>> 24);
    b[1] = (byte) (v >>> 16);
    b[2] = (byte) (v >>> 8);
    b[3] = (byte) v;
    Word.putLong(b, 4, l1);
    Word.putLong(b, 12, l0);
    return new EvmAddress(b);
  }

  /** A small address such as a precompile's: 0x00..00n. */
  public static EvmAddress ofLow(int n) {
    byte[] b = new byte[20];
    b[16] = (byte) (n >>> 24);
    b[17] = (byte) (n >>> 16);
    b[18] = (byte) (n >>> 8);
    b[19] = (byte) n;
    return new EvmAddress(b);
  }

  public static EvmAddress fromHex(String hex) {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    if (h.length() != 40) {
      throw new IllegalArgumentException("address must be 40 hex digits: " + hex);
    }
    byte[] b = new byte[20];
    for (int i = 0; i < 20; i++) {
      b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return new EvmAddress(b);
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The backing array; callers must not modify it. */
  public byte[] unsafeBytes() {
    return bytes;
  }

  public Word toWord() {
    return Word.fromBytes(bytes);
  }

  /** The address as a number when its first 16 bytes are zero, else -1. */
  public int lowIndex() {
    for (int i = 0; i < 16; i++) {
      if (bytes[i] != 0) {
        return -1;
      }
    }
    int v = ((bytes[16] & 0xFF) << 24) | ((bytes[17] & 0xFF) << 16) | ((bytes[18] & 0xFF) << 8) | (bytes[19] & 0xFF);
    return v < 0 ? -1 : v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EvmAddress a && a.hash == hash && Arrays.equals(a.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(EvmAddress o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  public String toHex() {
    StringBuilder sb = new StringBuilder(42).append("0x");
    for (byte x : bytes) {
      sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toHex();
  }
}
