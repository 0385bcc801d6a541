package dev.raftseq.chain.types;

import java.util.Arrays;

/** A 20-byte account address. Immutable. */
public record Address(byte[] bytes) implements Comparable<Address> {
  public static final Address ZERO = new Address(new byte[20]);

  public Address {
    if (bytes.length != 20) {
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

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
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
