package dev.raftseq.chain.crypto;

import dev.raftseq.chain.types.Hash;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 (the pre-standard SHA-3 variant Ethereum uses). */
public final class Keccak {
  private Keccak() {}

  public static byte[] digest(byte[] input) {
    return digest(input, 0, input.length);
  }

  public static byte[] digest(byte[] input, int offset, int length) {
    KeccakDigest d = new KeccakDigest(256);
    d.update(input, offset, length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  public static Hash hash(byte[] input) {
    return new Hash(digest(input));
  }
}
