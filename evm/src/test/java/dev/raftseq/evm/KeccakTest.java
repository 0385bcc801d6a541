package dev.raftseq.evm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

class KeccakTest {

  private static byte[] bouncyCastle(byte[] in, int off, int len) {
    KeccakDigest d = new KeccakDigest(256);
    d.update(in, off, len);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  private static String hex(byte[] bytes) {
    return "0x" + java.util.HexFormat.of().formatHex(bytes);
  }

  @Test
  void knownDigests() {
    assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        hex(Keccak.digest(new byte[0])));
    assertEquals("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
        hex(Keccak.digest("abc".getBytes(StandardCharsets.US_ASCII))));
    // rlp("") hashed: the empty trie's root
    assertEquals("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
        hex(Keccak.digest(new byte[] {(byte) 0x80})));
  }

  @Test
  void equalsBouncyCastleForEveryLengthAcrossThreeBlocks() {
    Random random = new Random(20261207);
    for (int len = 0; len <= 3 * 136 + 1; len++) {
      byte[] in = new byte[len];
      random.nextBytes(in);
      assertArrayEquals(bouncyCastle(in, 0, len), Keccak.digest(in), "length " + len);
    }
  }

  @Test
  void equalsBouncyCastleOnRandomSlices() {
    Random random = new Random(7);
    for (int n = 0; n < 5_000; n++) {
      byte[] in = new byte[random.nextInt(2_000) + 1];
      random.nextBytes(in);
      int off = random.nextInt(in.length);
      int len = random.nextInt(in.length - off + 1);
      assertArrayEquals(bouncyCastle(in, off, len), Keccak.digest(in, off, len), "slice " + off + "+" + len);
    }
  }

  @Test
  void refusesASliceOutsideTheArray() {
    assertThrows(IndexOutOfBoundsException.class, () -> Keccak.digest(new byte[10], 5, 6));
  }
}
