package dev.raftseq.p2p.rlpx;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * RLPx framing of one connection (rlpx.md, "Framing"): {@code header-ciphertext (16) ||
 * header-mac (16) || frame-ciphertext (frame-data zero-padded to 16) || frame-mac (16)}, each
 * direction one AES-256-CTR stream (zero IV) keyed by the aes-secret, MACs from {@link MacState}.
 * The header is a 24-bit frame size and {@code [0, 0]} (capability and context id, unused).
 *
 * <p>Stateful and not thread-safe: a connection encodes on one thread and decodes on one thread
 * (both its event loop). Decoding is two steps because the body's length is known only from the
 * header: {@link #readHeader} then {@link #readBody}.
 */
public final class FrameCodec {
  public static final int HEADER_BYTES = 32;
  /** The 24-bit frame-size field's ceiling. */
  public static final int MAX_FRAME_SIZE = (1 << 24) - 1;
  private static final byte[] HEADER_DATA = {(byte) 0xc2, (byte) 0x80, (byte) 0x80};

  private final Cipher egress;
  private final Cipher ingress;
  private final MacState egressMac;
  private final MacState ingressMac;
  private final int maxFrameSize;

  /**
   * @param maxFrameSize largest accepted frame-data length; larger ingress frames fail before
   *     their body is read
   */
  public FrameCodec(Secrets secrets, int maxFrameSize) {
    if (maxFrameSize < 1 || maxFrameSize > MAX_FRAME_SIZE) {
      throw new IllegalArgumentException("max frame size must be 1.." + MAX_FRAME_SIZE + ", got " + maxFrameSize);
    }
    this.egress = ctr(secrets.aesSecret());
    this.ingress = ctr(secrets.aesSecret());
    this.egressMac = secrets.egressMac;
    this.ingressMac = secrets.ingressMac;
    this.maxFrameSize = maxFrameSize;
  }

  /** The frame carrying {@code frameData} (at most the max frame size). */
  public byte[] encode(byte[] frameData) {
    int size = frameData.length;
    if (size > maxFrameSize) {
      throw new IllegalArgumentException("frame of " + size + " bytes exceeds the limit " + maxFrameSize);
    }
    int padded = padded(size);
    byte[] out = new byte[HEADER_BYTES + padded + 16];
    byte[] header = new byte[16];
    header[0] = (byte) (size >>> 16);
    header[1] = (byte) (size >>> 8);
    header[2] = (byte) size;
    System.arraycopy(HEADER_DATA, 0, header, 3, HEADER_DATA.length);
    update(egress, header, 0, 16, out, 0);
    System.arraycopy(egressMac.headerMac(out, 0), 0, out, 16, 16);
    byte[] body = new byte[padded];
    System.arraycopy(frameData, 0, body, 0, size);
    update(egress, body, 0, padded, out, HEADER_BYTES);
    System.arraycopy(egressMac.frameMac(out, HEADER_BYTES, padded), 0, out, HEADER_BYTES + padded, 16);
    return out;
  }

  /**
   * Verifies and decrypts the 32-byte header at {@code buf[off..]}.
   *
   * @return the frame-data size; the rest of the frame is {@link #bodyLength} bytes
   * @throws FrameException when the MAC does not verify or the size exceeds the limit
   */
  public int readHeader(byte[] buf, int off) throws FrameException {
    byte[] expected = ingressMac.headerMac(buf, off);
    if (!MessageDigest.isEqual(expected, slice(buf, off + 16, 16))) {
      throw new FrameException("frame header MAC does not verify");
    }
    byte[] header = new byte[16];
    update(ingress, buf, off, 16, header, 0);
    int size = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
    if (size > maxFrameSize) {
      throw new FrameException("frame of " + size + " bytes exceeds the limit " + maxFrameSize);
    }
    return size;
  }

  /** Bytes after the header of a frame of this size: ciphertext padded to 16, then the MAC. */
  public static int bodyLength(int frameSize) {
    return padded(frameSize) + 16;
  }

  /**
   * Verifies and decrypts the body at {@code buf[off..off + bodyLength(size))}.
   *
   * @throws FrameException when the frame MAC does not verify
   */
  public byte[] readBody(byte[] buf, int off, int frameSize) throws FrameException {
    int padded = padded(frameSize);
    byte[] expected = ingressMac.frameMac(buf, off, padded);
    if (!MessageDigest.isEqual(expected, slice(buf, off + padded, 16))) {
      throw new FrameException("frame MAC does not verify");
    }
    byte[] plain = new byte[padded];
    update(ingress, buf, off, padded, plain, 0);
    return frameSize == padded ? plain : slice(plain, 0, frameSize);
  }

  private static int padded(int size) {
    return (size + 15) & ~15;
  }

  private static byte[] slice(byte[] b, int off, int len) {
    byte[] out = new byte[len];
    System.arraycopy(b, off, out, 0, len);
    return out;
  }

  private static void update(Cipher c, byte[] in, int inOff, int len, byte[] out, int outOff) {
    try {
      int n = c.update(in, inOff, len, out, outOff);
      if (n != len) {
        throw new IllegalStateException("CTR produced " + n + " of " + len + " bytes");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Cipher ctr(byte[] key) {
    try {
      Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR unavailable", e);
    }
  }
}
