package dev.raftseq.rpc.json;

import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;

/** Ethereum's JSON quantities: "0x" + lowercase hex without leading zeros ("0x0" for zero). */
public final class Quantity {
  private Quantity() {}

  public static String of(long value) {
    return "0x" + Long.toUnsignedString(value, 16);
  }

  public static String of(BigInteger value) {
    return "0x" + value.toString(16);
  }

  public static String of(Wei value) {
    return of(value.value());
  }
}
