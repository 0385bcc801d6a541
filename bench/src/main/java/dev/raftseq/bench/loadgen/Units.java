package dev.raftseq.bench.loadgen;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/** Wei amounts as written on the command line: {@code 1500000000}, {@code 1.5gwei}, {@code 2 gwei}. */
public final class Units {
  public static final BigInteger GWEI = BigInteger.TEN.pow(9);

  private Units() {}

  public static BigInteger parseWei(String flag, String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    BigDecimal scale = BigDecimal.ONE;
    if (t.endsWith("gwei")) {
      t = t.substring(0, t.length() - 4).trim();
      scale = new BigDecimal(GWEI);
    } else if (t.endsWith("wei")) {
      t = t.substring(0, t.length() - 3).trim();
    }
    try {
      BigDecimal v = new BigDecimal(t).multiply(scale);
      if (v.signum() < 0) {
        throw new IllegalArgumentException(flag + " must not be negative, got '" + s + "'");
      }
      return v.toBigIntegerExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(flag + " must be a whole number of wei or a gwei amount like 1.5gwei, got '"
          + s + "'");
    }
  }
}
