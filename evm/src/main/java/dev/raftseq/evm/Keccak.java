package dev.raftseq.evm;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as Ethereum uses it (BouncyCastle's digest). */
public final class Keccak {
  public static final Word EMPTY = Word.fromHex("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

  private Keccak() {}

  public static byte[] digest(byte[] in) {
    return digest(in, 0, in.length);
  }

  public static byte[] digest(byte[] in, int off, int len) {
    KeccakDigest d = new KeccakDigest(256);
    d.update(in, off, len);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  public static Word hash(byte[] in) {
    return in.length == 0 ? EMPTY : Word.fromBytes(digest(in));
  }
}
