package dev.raftseq.p2p.rlpx;

import dev.raftseq.chain.crypto.Secp256k1;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * RLPx's ECIES (devp2p rlpx.md, "ECIES Encryption"): secp256k1 ECDH, NIST SP 800-56 concatenation
 * KDF over SHA-256, AES-128-CTR and HMAC-SHA-256 over {@code iv || c || sharedMacData}. A message
 * is {@code R (65, uncompressed) || iv (16) || c || d (32)}.
 *
 * <p>Written over the JDK's AES/HMAC and the native secp256k1 ECDH: BouncyCastle's
 * {@code IESEngine} derives keys and tags differently from devp2p (no SHA-256 of the MAC key,
 * the shared data placement), so it cannot be used as is.
 */
public final class Ecies {
  /** Bytes ECIES adds to a plaintext: R, iv and the tag. */
  public static final int OVERHEAD = 65 + 16 + 32;

  private Ecies() {}

  /**
   * @param ephemeralPrivateKey the random r (32 bytes, a valid key)
   * @param iv 16 random bytes
   */
  public static byte[] encrypt(byte[] recipientPublicKey64, byte[] plaintext, byte[] sharedMacData,
      byte[] ephemeralPrivateKey, byte[] iv) {
    byte[] z = Secp256k1.ecdhX(ephemeralPrivateKey, recipientPublicKey64);
    byte[][] keys = keys(z);
    byte[] out = new byte[OVERHEAD + plaintext.length];
    out[0] = 4;
    System.arraycopy(Secp256k1.publicKey(ephemeralPrivateKey), 0, out, 1, 64);
    System.arraycopy(iv, 0, out, 65, 16);
    byte[] c = aesCtr128(keys[0], iv, plaintext, 0, plaintext.length);
    System.arraycopy(c, 0, out, 81, c.length);
    byte[] d = hmac(keys[1], out, 65, 16 + c.length, sharedMacData);
    System.arraycopy(d, 0, out, 81 + c.length, 32);
    return out;
  }

  /**
   * @throws HandshakeException if the message is too short, R is not a curve point, or the tag
   *     does not verify (not for our key, or tampered)
   */
  public static byte[] decrypt(byte[] privateKey, byte[] message, byte[] sharedMacData) throws HandshakeException {
    if (message.length < OVERHEAD) {
      throw new HandshakeException("ECIES message of " + message.length + " bytes is shorter than its overhead");
    }
    if (message[0] != 4) {
      throw new HandshakeException("ECIES ephemeral key is not an uncompressed point");
    }
    byte[] z;
    try {
      z = Secp256k1.ecdhX(privateKey, Arrays.copyOfRange(message, 1, 65));
    } catch (IllegalArgumentException e) {
      throw new HandshakeException("ECIES ephemeral key is not a secp256k1 point");
    }
    byte[][] keys = keys(z);
    int cLen = message.length - OVERHEAD;
    byte[] expected = hmac(keys[1], message, 65, 16 + cLen, sharedMacData);
    byte[] tag = Arrays.copyOfRange(message, message.length - 32, message.length);
    if (!MessageDigest.isEqual(expected, tag)) {
      throw new HandshakeException("ECIES tag does not verify (not encrypted to this node's key, or altered)");
    }
    return aesCtr128(keys[0], Arrays.copyOfRange(message, 65, 81), message, 81, cLen);
  }

  /** kE (16) and sha256(kM) (32) from KDF(z, 32). */
  private static byte[][] keys(byte[] z) {
    MessageDigest sha = sha256();
    sha.update(new byte[] {0, 0, 0, 1});
    sha.update(z);
    byte[] k = sha.digest();
    return new byte[][] {Arrays.copyOf(k, 16), sha256().digest(Arrays.copyOfRange(k, 16, 32))};
  }

  private static byte[] hmac(byte[] key, byte[] buf, int off, int len, byte[] sharedMacData) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(buf, off, len);
      mac.update(sharedMacData);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] aesCtr128(byte[] key, byte[] iv, byte[] buf, int off, int len) {
    try {
      Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      return c.doFinal(buf, off, len);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR unavailable", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
