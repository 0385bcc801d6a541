package dev.raftseq.evm.precompile;

import java.math.BigInteger;
import java.util.Arrays;

/** MODEXP (EIP-198) with EIP-2565 pricing. */
final class ModExp {
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  private ModExp() {}

  /** Bytes [off, off+len) of the input, zero-padded past its end (an offset past it: all zeros). */
  private static byte[] slice(byte[] in, long off, int len) {
    byte[] out = new byte[len];
    if (off >= 0 && off < in.length) {
      int n = (int) Math.min(len, in.length - off);
      System.arraycopy(in, (int) off, out, 0, n);
    }
    return out;
  }

  private static BigInteger header(byte[] in, int i) {
    return new BigInteger(1, slice(in, 32L * i, 32));
  }

  static long gas(byte[] in) {
    BigInteger baseLen = header(in, 0);
    BigInteger expLen = header(in, 1);
    BigInteger modLen = header(in, 2);
    BigInteger maxLen = baseLen.max(modLen);
    BigInteger words = maxLen.add(BigInteger.valueOf(7)).shiftRight(3);
    BigInteger complexity = words.multiply(words);
    BigInteger iterations;
    if (expLen.compareTo(BigInteger.valueOf(32)) <= 0) {
      BigInteger e = baseLen.compareTo(BigInteger.valueOf(in.length)) >= 0
          ? BigInteger.ZERO
          : new BigInteger(1, slice(in, 96 + baseLen.longValue(), expLen.intValue()));
      iterations = BigInteger.valueOf(Math.max(e.bitLength() - 1, 0));
    } else {
      BigInteger head = baseLen.compareTo(BigInteger.valueOf(in.length)) >= 0
          ? BigInteger.ZERO
          : new BigInteger(1, slice(in, 96 + baseLen.longValue(), 32));
      iterations =
          expLen.subtract(BigInteger.valueOf(32)).shiftLeft(3).add(BigInteger.valueOf(Math.max(head.bitLength() - 1, 0)));
    }
    iterations = iterations.max(BigInteger.ONE);
    BigInteger gas = complexity.multiply(iterations).divide(BigInteger.valueOf(3)).max(BigInteger.valueOf(200));
    return gas.compareTo(MAX_LONG) > 0 ? Long.MAX_VALUE : gas.longValue();
  }

  static byte[] run(byte[] in) {
    BigInteger bl = header(in, 0);
    BigInteger ml = header(in, 2);
    if (bl.signum() == 0 && ml.signum() == 0) {
      return new byte[0];
    }
    // lengths beyond an int cost more gas than any call can carry: the caller ran out already
    int baseLen = bl.intValueExact();
    int expLen = header(in, 1).intValueExact();
    int modLen = ml.intValueExact();
    BigInteger base = new BigInteger(1, slice(in, 96, baseLen));
    BigInteger exp = new BigInteger(1, slice(in, 96L + baseLen, expLen));
    BigInteger mod = new BigInteger(1, slice(in, 96L + baseLen + expLen, modLen));
    byte[] out = new byte[modLen];
    if (mod.signum() == 0) {
      return out;
    }
    byte[] r = base.modPow(exp, mod).toByteArray();
    int n = Math.min(r.length, modLen);
    System.arraycopy(r, r.length - n, out, modLen - n, n);
    return Arrays.copyOf(out, modLen);
  }
}
