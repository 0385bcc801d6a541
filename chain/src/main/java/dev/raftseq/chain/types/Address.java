package dev.raftseq.chain.types;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A 20-byte account address. Immutable. */
public record Address(byte[] bytes) implements Comparable<Address> {
  public static final int LENGTH = 20;
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  public static final Address ZERO = new Address(new byte[LENGTH]);

  public Address {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("address must be 20 bytes, got " + bytes.length);
    }
    bytes = bytes.clone();
  }

  public static Address fromHex(String hex) {
    return new Address(Hex.decode(hex));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The backing array without a copy; callers must not modify it. */
  public byte[] unsafeBytes() {
    return bytes;
  }

  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && Arrays.equals(bytes, a.bytes);
  }

  /** Four bytes at a time: hashing is on every map lookup of the hot path (Arrays.hashCode goes byte by byte). */
  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < LENGTH; i += 4) {
      h = 31 * h + (int) INTS.get(bytes, i);
    }
    return h;
  }

  @Override
  public int compareTo(Address o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
