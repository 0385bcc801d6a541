package dev.raftseq.chain.crypto;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;

/**
 * secp256k1 signing and public-key recovery. Recovery is on the hot path (every incoming
 * transaction), so it uses the native libsecp256k1 binding (fr.acinq.secp256k1).
 */
public final class Secp256k1 {
  private Secp256k1() {}

  /** 64-byte uncompressed public key (no 0x04 prefix) of a 32-byte private key. */
  public static byte[] publicKey(byte[] privateKey) {
    throw new UnsupportedOperationException("TODO");
  }

  /** keccak256(pub)[12..32]. */
  public static Address addressOf(byte[] publicKey64) {
    byte[] h = Keccak.digest(publicKey64);
    byte[] a = new byte[20];
    System.arraycopy(h, 12, a, 0, 20);
    return new Address(a);
  }

  /** Signs a 32-byte hash; returns 65 bytes r(32) || s(32) || recoveryId(1), with low s. */
  public static byte[] sign(Hash hash, byte[] privateKey) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Recovers the 64-byte public key from a signature over {@code hash}.
   *
   * @throws IllegalArgumentException if r or s is out of range or recovery fails
   */
  public static byte[] recover(Hash hash, byte[] r32, byte[] s32, int recoveryId) {
    throw new UnsupportedOperationException("TODO");
  }
}
