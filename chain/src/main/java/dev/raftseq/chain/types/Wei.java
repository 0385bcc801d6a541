package dev.raftseq.chain.types;

import java.math.BigInteger;

/** An unsigned 256-bit amount (balances, values, fees). Arithmetic outside [0, 2^256) throws. */
public record Wei(BigInteger value) implements Comparable<Wei> {
  public static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
  public static final Wei ZERO = new Wei(BigInteger.ZERO);

  public Wei {
    if (value.signum() < 0 || value.compareTo(MAX) > 0) {
      throw new ArithmeticException("value out of uint256 range");
    }
  }

  public static Wei of(long v) {
    return new Wei(BigInteger.valueOf(v));
  }

  public static Wei of(BigInteger v) {
    return new Wei(v);
  }

  public Wei add(Wei o) {
    return new Wei(value.add(o.value));
  }

  public Wei subtract(Wei o) {
    return new Wei(value.subtract(o.value));
  }

  public Wei multiply(long factor) {
    return new Wei(value.multiply(BigInteger.valueOf(factor)));
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  public boolean lessThan(Wei o) {
    return value.compareTo(o.value) < 0;
  }

  @Override
  public int compareTo(Wei o) {
    return value.compareTo(o.value);
  }

  public String toHexQuantity() {
    return "0x" + value.toString(16);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
