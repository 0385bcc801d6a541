package dev.raftseq.chain.types;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A 32-byte value: keccak hashes, state roots, storage slots. Immutable. */
public record Hash(byte[] bytes) implements Comparable<Hash> {
  public static final int LENGTH = 32;
  private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  public static final Hash ZERO = new Hash(new byte[LENGTH]);
  /** keccak256 of the empty string. */
  public static final Hash EMPTY_CODE =
      fromHex("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  /** Root of the empty Merkle-Patricia trie: keccak256(rlp("")). */
  public static final Hash EMPTY_TRIE =
      fromHex("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  /** keccak256(rlp([])): the ommers hash of every post-merge block. */
  public static final Hash EMPTY_LIST =
      fromHex("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

  public Hash {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("hash must be 32 bytes, got " + bytes.length);
    }
    bytes = bytes.clone();
  }

  public static Hash fromHex(String hex) {
    return new Hash(Hex.decode(hex));
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
    return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
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
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
