package dev.raftseq.chain.crypto;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * secp256k1 signing and public-key recovery. Recovery is on the hot path (every incoming
 * transaction), so it uses the native libsecp256k1 binding (fr.acinq.secp256k1).
 */
public final class Secp256k1 {
  /** The group order n. */
  public static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
  /** n / 2: EIP-2 rejects signatures with a larger s. */
  public static final BigInteger HALF_N = N.shiftRight(1);

  private static final fr.acinq.secp256k1.Secp256k1 NATIVE = fr.acinq.secp256k1.Secp256k1.Companion.get();

  private Secp256k1() {}

  /** 64-byte uncompressed public key (no 0x04 prefix) of a 32-byte private key. */
  public static byte[] publicKey(byte[] privateKey) {
    checkPrivateKey(privateKey);
    return Arrays.copyOfRange(NATIVE.pubkeyCreate(privateKey), 1, 65);
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
    checkPrivateKey(privateKey);
    byte[] msg = hash.unsafeBytes();
    // RFC 6979 deterministic nonce; libsecp256k1 always returns the lower-s form
    byte[] sig = NATIVE.sign(msg, privateKey, null);
    byte[] pub = NATIVE.pubkeyCreate(privateKey);
    // the binding has no recoverable signing, so find the recovery id that yields our key
    int recId = Arrays.equals(NATIVE.ecdsaRecover(sig, msg, 0), pub) ? 0 : 1;
    byte[] out = Arrays.copyOf(sig, 65);
    out[64] = (byte) recId;
    return out;
  }

  /**
   * Recovers the 64-byte public key from a signature over {@code hash}.
   *
   * @throws IllegalArgumentException if r or s is out of range or recovery fails
   */
  public static byte[] recover(Hash hash, byte[] r32, byte[] s32, int recoveryId) {
    if (r32.length != 32 || s32.length != 32) {
      throw new IllegalArgumentException("r and s must be 32 bytes");
    }
    byte[] sig = new byte[64];
    System.arraycopy(r32, 0, sig, 0, 32);
    System.arraycopy(s32, 0, sig, 32, 32);
    return Arrays.copyOfRange(recoverUncompressed(hash.unsafeBytes(), sig, recoveryId), 1, 65);
  }

  /**
   * Recovers the signer's address from a compact signature r(32) || s(32) over a 32-byte
   * message hash: the allocation-light form used when decoding transactions.
   *
   * @throws IllegalArgumentException if r or s is zero or not below n, or recovery fails
   */
  public static Address recoverAddress(byte[] hash32, byte[] compact64, int recoveryId) {
    byte[] pub65 = recoverUncompressed(hash32, compact64, recoveryId);
    byte[] h = Keccak.digest(pub65, 1, 64);
    return new Address(Arrays.copyOfRange(h, 12, 32));
  }

  /** Recovers the address from a 65-byte r || s || recoveryId signature (as {@link #sign} makes). */
  public static Address recoverAddress(Hash hash, byte[] signature65) {
    if (signature65.length != 65) {
      throw new IllegalArgumentException("signature must be 65 bytes, got " + signature65.length);
    }
    return recoverAddress(hash.unsafeBytes(), Arrays.copyOf(signature65, 64), signature65[64]);
  }

  /**
   * ECDH as devp2p uses it: the x coordinate of {@code privateKey * publicKey}, unhashed (RLPx
   * ECIES and session keys). Native: a handshake computes four of these.
   *
   * @throws IllegalArgumentException when the key is not a point on the curve
   */
  public static byte[] ecdhX(byte[] privateKey, byte[] publicKey64) {
    checkPrivateKey(privateKey);
    if (publicKey64.length != 64) {
      throw new IllegalArgumentException("public key must be 64 bytes, got " + publicKey64.length);
    }
    byte[] uncompressed = new byte[65];
    uncompressed[0] = 4;
    System.arraycopy(publicKey64, 0, uncompressed, 1, 64);
    try {
      byte[] point = NATIVE.pubKeyTweakMul(NATIVE.pubkeyParse(uncompressed), privateKey);
      return Arrays.copyOfRange(point, 1, 33);
    } catch (Secp256k1Exception e) {
      throw new IllegalArgumentException("not a point on secp256k1: " + e.getMessage(), e);
    }
  }

  /** Whether 64 bytes are the x || y of a point on the curve (a valid node id). */
  public static boolean isValidPublicKey(byte[] publicKey64) {
    if (publicKey64.length != 64) {
      return false;
    }
    byte[] uncompressed = new byte[65];
    uncompressed[0] = 4;
    System.arraycopy(publicKey64, 0, uncompressed, 1, 64);
    try {
      NATIVE.pubkeyParse(uncompressed);
      return true;
    } catch (Secp256k1Exception e) {
      return false;
    }
  }

  /** Whether 32 bytes are a valid private key (1 .. n-1). */
  public static boolean isValidPrivateKey(byte[] privateKey) {
    return privateKey.length == 32 && NATIVE.secKeyVerify(privateKey);
  }

  private static byte[] recoverUncompressed(byte[] hash32, byte[] compact64, int recoveryId) {
    if (hash32.length != 32 || compact64.length != 64) {
      throw new IllegalArgumentException("need a 32-byte hash and a 64-byte signature");
    }
    if (recoveryId != 0 && recoveryId != 1) {
      throw new IllegalArgumentException("recovery id must be 0 or 1, got " + recoveryId);
    }
    try {
      return NATIVE.ecdsaRecover(compact64, hash32, recoveryId);
    } catch (Secp256k1Exception e) {
      throw new IllegalArgumentException("signature recovery failed: " + e.getMessage(), e);
    }
  }

  private static void checkPrivateKey(byte[] privateKey) {
    if (privateKey.length != 32 || !NATIVE.secKeyVerify(privateKey)) {
      throw new IllegalArgumentException("invalid secp256k1 private key");
    }
  }
}
