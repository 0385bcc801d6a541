package dev.raftseq.evm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Keccak-256 (the pre-standard SHA-3 variant Ethereum uses), one-shot; the one implementation the
 * EVM and the chain module ({@code dev.raftseq.chain.crypto.Keccak}) both use.
 *
 * <p>Hand-written rather than BouncyCastle's {@code KeccakDigest}: hashing trie nodes is the largest
 * share of a node's CPU per transfer, and on the one-shot short inputs a node hashes (32–600 bytes)
 * this is 1.27–1.45× cheaper ({@code KeccakBench}, same run): it absorbs whole 64-bit lanes through
 * a little-endian view instead of BouncyCastle's byte queue and int-pair packing, and allocates no
 * digest object. The permutation is Keccak-f[1600] unrolled over 25 locals. {@code KeccakTest}
 * checks it against BouncyCastle on random inputs of every length across the rate boundaries and
 * against known digests; the trie, transaction and state vectors of ethereum/tests exercise it too.
 */
public final class Keccak {
  public static final Word EMPTY = Word.fromHex("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  private static final VarHandle LANE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  /** Bytes absorbed per permutation for a 256-bit output: 1600 - 2 × 256 bits. */
  private static final int RATE = 136;
  private static final long[] RC = {
    0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
    0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
    0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
    0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
    0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
    0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L};

  private Keccak() {}

  public static byte[] digest(byte[] input) {
    return digest(input, 0, input.length);
  }

  public static byte[] digest(byte[] input, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, input.length);
    long[] s = new long[25];
    int off = offset;
    int left = length;
    while (left >= RATE) {
      for (int i = 0; i < RATE / 8; i++) {
        s[i] ^= (long) LANE.get(input, off + 8 * i);
      }
      permute(s);
      off += RATE;
      left -= RATE;
    }
    // the last, partial block with Keccak's padding (0x01 ... 0x80; SHA-3 would use 0x06)
    byte[] last = new byte[RATE];
    System.arraycopy(input, off, last, 0, left);
    last[left] ^= 0x01;
    last[RATE - 1] ^= (byte) 0x80;
    for (int i = 0; i < RATE / 8; i++) {
      s[i] ^= (long) LANE.get(last, 8 * i);
    }
    permute(s);
    byte[] out = new byte[32];
    for (int i = 0; i < 4; i++) {
      LANE.set(out, 8 * i, s[i]);
    }
    return out;
  }

  public static Word hash(byte[] in) {
    return in.length == 0 ? EMPTY : Word.fromBytes(digest(in));
  }

  /** Keccak-f[1600]: lane (x, y) is s[x + 5y]; theta, rho and pi, chi, iota per round. */
  private static void permute(long[] s) {
    long a00 = s[0], a01 = s[1], a02 = s[2], a03 = s[3], a04 = s[4],
        a05 = s[5], a06 = s[6], a07 = s[7], a08 = s[8], a09 = s[9],
        a10 = s[10], a11 = s[11], a12 = s[12], a13 = s[13], a14 = s[14],
        a15 = s[15], a16 = s[16], a17 = s[17], a18 = s[18], a19 = s[19],
        a20 = s[20], a21 = s[21], a22 = s[22], a23 = s[23], a24 = s[24];
    for (int round = 0; round < 24; round++) {
      long c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
      long c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
      long c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
      long c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
      long c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
      long d0 = c4 ^ Long.rotateLeft(c1, 1);
      long d1 = c0 ^ Long.rotateLeft(c2, 1);
      long d2 = c1 ^ Long.rotateLeft(c3, 1);
      long d3 = c2 ^ Long.rotateLeft(c4, 1);
      long d4 = c3 ^ Long.rotateLeft(c0, 1);
      long b00 = a00 ^ d0;
      long b01 = Long.rotateLeft(a06 ^ d1, 44);
      long b02 = Long.rotateLeft(a12 ^ d2, 43);
      long b03 = Long.rotateLeft(a18 ^ d3, 21);
      long b04 = Long.rotateLeft(a24 ^ d4, 14);
      long b05 = Long.rotateLeft(a03 ^ d3, 28);
      long b06 = Long.rotateLeft(a09 ^ d4, 20);
      long b07 = Long.rotateLeft(a10 ^ d0, 3);
      long b08 = Long.rotateLeft(a16 ^ d1, 45);
      long b09 = Long.rotateLeft(a22 ^ d2, 61);
      long b10 = Long.rotateLeft(a01 ^ d1, 1);
      long b11 = Long.rotateLeft(a07 ^ d2, 6);
      long b12 = Long.rotateLeft(a13 ^ d3, 25);
      long b13 = Long.rotateLeft(a19 ^ d4, 8);
      long b14 = Long.rotateLeft(a20 ^ d0, 18);
      long b15 = Long.rotateLeft(a04 ^ d4, 27);
      long b16 = Long.rotateLeft(a05 ^ d0, 36);
      long b17 = Long.rotateLeft(a11 ^ d1, 10);
      long b18 = Long.rotateLeft(a17 ^ d2, 15);
      long b19 = Long.rotateLeft(a23 ^ d3, 56);
      long b20 = Long.rotateLeft(a02 ^ d2, 62);
      long b21 = Long.rotateLeft(a08 ^ d3, 55);
      long b22 = Long.rotateLeft(a14 ^ d4, 39);
      long b23 = Long.rotateLeft(a15 ^ d0, 41);
      long b24 = Long.rotateLeft(a21 ^ d1, 2);
      a00 = b00 ^ (~b01 & b02);
      a01 = b01 ^ (~b02 & b03);
      a02 = b02 ^ (~b03 & b04);
      a03 = b03 ^ (~b04 & b00);
      a04 = b04 ^ (~b00 & b01);
      a05 = b05 ^ (~b06 & b07);
      a06 = b06 ^ (~b07 & b08);
      a07 = b07 ^ (~b08 & b09);
      a08 = b08 ^ (~b09 & b05);
      a09 = b09 ^ (~b05 & b06);
      a10 = b10 ^ (~b11 & b12);
      a11 = b11 ^ (~b12 & b13);
      a12 = b12 ^ (~b13 & b14);
      a13 = b13 ^ (~b14 & b10);
      a14 = b14 ^ (~b10 & b11);
      a15 = b15 ^ (~b16 & b17);
      a16 = b16 ^ (~b17 & b18);
      a17 = b17 ^ (~b18 & b19);
      a18 = b18 ^ (~b19 & b15);
      a19 = b19 ^ (~b15 & b16);
      a20 = b20 ^ (~b21 & b22);
      a21 = b21 ^ (~b22 & b23);
      a22 = b22 ^ (~b23 & b24);
      a23 = b23 ^ (~b24 & b20);
      a24 = b24 ^ (~b20 & b21);
      a00 ^= RC[round];
    }
    s[0] = a00;
    s[1] = a01;
    s[2] = a02;
    s[3] = a03;
    s[4] = a04;
    s[5] = a05;
    s[6] = a06;
    s[7] = a07;
    s[8] = a08;
    s[9] = a09;
    s[10] = a10;
    s[11] = a11;
    s[12] = a12;
    s[13] = a13;
    s[14] = a14;
    s[15] = a15;
    s[16] = a16;
    s[17] = a17;
    s[18] = a18;
    s[19] = a19;
    s[20] = a20;
    s[21] = a21;
    s[22] = a22;
    s[23] = a23;
    s[24] = a24;
  }
}
