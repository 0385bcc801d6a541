package dev.raftseq.chain.codec;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The sequencer seal in {@code extraData} (see {@link Header}): a 32-byte vanity (Raft term,
 * block timestamp in milliseconds, 16 zero bytes) followed by a 65-byte signature r || s ||
 * recoveryId of the seal hash.
 */
public final class SealFields {
  public static final int SEALED_EXTRA_BYTES = Header.VANITY_BYTES + Header.SEAL_BYTES;

  private SealFields() {}

  /** The 32-byte vanity for a block sealed in {@code term} at {@code timestampMillis}. */
  public static byte[] vanity(long term, long timestampMillis) {
    byte[] v = new byte[Header.VANITY_BYTES];
    putLong(v, 0, term);
    putLong(v, 8, timestampMillis);
    return v;
  }

  /** keccak256 of the RLP header whose extraData is the vanity alone: what the sealer signs. */
  public static Hash sealHash(Header h) {
    byte[] extra = h.extraData();
    if (extra.length < Header.VANITY_BYTES) {
      throw new IllegalArgumentException("extraData of " + extra.length + " bytes has no 32-byte vanity");
    }
    return Keccak.hash(BlockCodec.encodeHeader(h, Arrays.copyOf(extra, Header.VANITY_BYTES)));
  }

  /** The Raft term in which the block was sealed (vanity bytes 0-7). */
  public static long term(Header h) {
    return getLong(vanityOf(h), 0);
  }

  /** The block timestamp in milliseconds (vanity bytes 8-15). */
  public static long timestampMillis(Header h) {
    return getLong(vanityOf(h), 8);
  }

  /**
   * The address that signed the seal.
   *
   * @throws DecodeException if extraData is not vanity || 65-byte signature, the signature is not
   *     low-s (which would make a second valid encoding of the same block), or recovery fails
   */
  public static Address signer(Header h) throws DecodeException {
    byte[] extra = h.extraData();
    if (extra.length != SEALED_EXTRA_BYTES) {
      throw new DecodeException("seal: extraData must be " + SEALED_EXTRA_BYTES + " bytes, got " + extra.length);
    }
    int off = Header.VANITY_BYTES;
    BigInteger r = new BigInteger(1, extra, off, 32);
    BigInteger s = new BigInteger(1, extra, off + 32, 32);
    int recId = extra[off + 64];
    if (r.signum() == 0 || r.compareTo(Secp256k1.N) >= 0 || s.signum() == 0 || s.compareTo(Secp256k1.HALF_N) > 0
        || (recId != 0 && recId != 1)) {
      throw new DecodeException("seal: signature values out of range");
    }
    try {
      return Secp256k1.recoverAddress(sealHash(h).unsafeBytes(), Arrays.copyOfRange(extra, off, off + 64), recId);
    } catch (IllegalArgumentException e) {
      throw new DecodeException("seal: signer recovery failed");
    }
  }

  /**
   * Signs a header whose extraData is the vanity (or starts with it) and returns it with
   * extraData = vanity || signature.
   */
  public static Header seal(Header h, NodeKey key) {
    byte[] sig = Secp256k1.sign(sealHash(h), key.privateKey());
    byte[] extra = Arrays.copyOf(vanityOf(h), SEALED_EXTRA_BYTES);
    System.arraycopy(sig, 0, extra, Header.VANITY_BYTES, Header.SEAL_BYTES);
    return BlockCodec.withExtraData(h, extra);
  }

  private static byte[] vanityOf(Header h) {
    byte[] extra = h.extraData();
    if (extra.length < Header.VANITY_BYTES) {
      throw new IllegalArgumentException("extraData of " + extra.length + " bytes has no 32-byte vanity");
    }
    return extra;
  }

  private static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  private static long getLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }
}
