package dev.raftseq.chain.types;

import java.math.BigInteger;

/**
 * An ECDSA signature as carried by a transaction. {@code v} is the raw value on the wire: the
 * y-parity (0/1) for typed transactions, 27/28 or {@code chainId*2+35+parity} for legacy ones.
 */
public record Signature(BigInteger v, BigInteger r, BigInteger s) {
  /** The recovery id (0 or 1) implied by {@code v}. */
  public int recoveryId() {
    long vv = v.longValueExact();
    if (vv == 0 || vv == 1) {
      return (int) vv;
    }
    if (vv == 27 || vv == 28) {
      return (int) (vv - 27);
    }
    return (int) ((vv - 35) % 2);
  }
}
