package dev.raftseq.p2p.rlpx;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * One direction's running keccak-256 MAC (rlpx.md, "MAC"): updated with every ciphertext byte
 * sent (egress) or received (ingress), and mixed with AES-256 of its own digest under the
 * mac-secret, so header and frame MACs chain over the whole connection.
 */
final class MacState {
  private final KeccakDigest keccak;
  private final Cipher aes;

  MacState(byte[] macSecret, byte[] initialInput) {
    keccak = new KeccakDigest(256);
    keccak.update(initialInput, 0, initialInput.length);
    try {
      aes = Cipher.getInstance("AES/ECB/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(macSecret, "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/ECB unavailable", e);
    }
  }

  void update(byte[] b, int off, int len) {
    keccak.update(b, off, len);
  }

  /** keccak256.digest(state) without finalizing the running state. */
  byte[] digest() {
    KeccakDigest copy = new KeccakDigest(keccak);
    byte[] out = new byte[32];
    copy.doFinal(out, 0);
    return out;
  }

  /** header-mac of a 16-byte header ciphertext; updates the state. */
  byte[] headerMac(byte[] headerCiphertext, int off) {
    byte[] seed = aes(digest());
    for (int i = 0; i < 16; i++) {
      seed[i] ^= headerCiphertext[off + i];
    }
    keccak.update(seed, 0, 16);
    return first16(digest());
  }

  /** frame-mac after the frame ciphertext; updates the state. */
  byte[] frameMac(byte[] frameCiphertext, int off, int len) {
    keccak.update(frameCiphertext, off, len);
    byte[] d = digest();
    byte[] seed = aes(d);
    for (int i = 0; i < 16; i++) {
      seed[i] ^= d[i];
    }
    keccak.update(seed, 0, 16);
    return first16(digest());
  }

  private byte[] aes(byte[] digest) {
    try {
      return aes.doFinal(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] first16(byte[] b) {
    byte[] out = new byte[16];
    System.arraycopy(b, 0, out, 0, 16);
    return out;
  }
}
