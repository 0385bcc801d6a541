package dev.raftseq.chain.types;

/** Hex encoding with the 0x prefix used throughout Ethereum's JSON. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] bytes) {
    char[] out = new char[2 + bytes.length * 2];
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /** Decodes hex with or without 0x; odd length and non-hex characters are rejected. */
  public static byte[] decode(String hex) {
    String s = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if ((s.length() & 1) != 0) {
      throw new IllegalArgumentException("hex string has odd length");
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(s.charAt(2 * i), 16);
      int lo = Character.digit(s.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("invalid hex character");
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }
}
