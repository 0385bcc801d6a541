package dev.raftseq.chain.trie;

import java.util.Arrays;

/** Nibble paths (one half-byte per array element) and Ethereum's hex-prefix (compact) encoding. */
final class Nibbles {
  static final byte[] EMPTY = new byte[0];

  private Nibbles() {}

  static byte[] of(byte[] key) {
    byte[] out = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      out[2 * i] = (byte) ((key[i] >> 4) & 0xf);
      out[2 * i + 1] = (byte) (key[i] & 0xf);
    }
    return out;
  }

  /** Length of the common prefix of {@code a[aOff..]} and {@code b[bOff..]}. */
  static int commonPrefix(byte[] a, int aOff, byte[] b, int bOff) {
    int n = Math.min(a.length - aOff, b.length - bOff);
    int mismatch = Arrays.mismatch(a, aOff, aOff + n, b, bOff, bOff + n);
    return mismatch < 0 ? n : mismatch;
  }

  static boolean startsWith(byte[] key, int off, byte[] prefix) {
    return key.length - off >= prefix.length
        && Arrays.equals(key, off, off + prefix.length, prefix, 0, prefix.length);
  }

  static byte[] slice(byte[] a, int from, int to) {
    return from == to ? EMPTY : Arrays.copyOfRange(a, from, to);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] prepend(int nibble, byte[] a) {
    byte[] out = new byte[a.length + 1];
    out[0] = (byte) nibble;
    System.arraycopy(a, 0, out, 1, a.length);
    return out;
  }

  /** Hex-prefix encoding: flag nibble (2 = leaf, +1 = odd length), padding, the nibbles packed. */
  static byte[] hexPrefix(byte[] nibbles, boolean leaf) {
    boolean odd = (nibbles.length & 1) == 1;
    byte[] out = new byte[nibbles.length / 2 + 1];
    int flag = (leaf ? 2 : 0) + (odd ? 1 : 0);
    int i = 0;
    if (odd) {
      out[0] = (byte) ((flag << 4) | nibbles[0]);
      i = 1;
    } else {
      out[0] = (byte) (flag << 4);
    }
    for (int o = 1; i < nibbles.length; i += 2, o++) {
      out[o] = (byte) ((nibbles[i] << 4) | nibbles[i + 1]);
    }
    return out;
  }

  /** Decodes hex-prefix bytes; {@code isLeaf[0]} receives the leaf flag. */
  static byte[] fromHexPrefix(byte[] hp, boolean[] isLeaf) {
    if (hp.length == 0) {
      throw new NodeRlp.RlpException("empty hex-prefix path");
    }
    int flag = (hp[0] >> 4) & 0xf;
    if (flag > 3) {
      throw new NodeRlp.RlpException("invalid hex-prefix flag " + flag);
    }
    boolean odd = (flag & 1) == 1;
    if (!odd && (hp[0] & 0xf) != 0) {
      throw new NodeRlp.RlpException("non-zero hex-prefix padding");
    }
    isLeaf[0] = flag >= 2;
    byte[] out = new byte[(hp.length - 1) * 2 + (odd ? 1 : 0)];
    int o = 0;
    if (odd) {
      out[o++] = (byte) (hp[0] & 0xf);
    }
    for (int i = 1; i < hp.length; i++) {
      out[o++] = (byte) ((hp[i] >> 4) & 0xf);
      out[o++] = (byte) (hp[i] & 0xf);
    }
    return out;
  }
}
