package dev.raftseq.batcher.l1;

import dev.raftseq.chain.types.Hash;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One signed version of a step's transaction. A stuck transaction gets further attempts at the same
 * nonce with higher fees; at most one attempt of a nonce can ever be mined.
 *
 * @param raw the signed EIP-1559 transaction, kept to re-broadcast it after a restart
 * @param createdAtMillis when this attempt was signed (wall clock, for stuck detection only)
 */
public record TxAttempt(Hash hash, byte[] raw, BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas, long createdAtMillis) {
  public TxAttempt {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    raw = raw.clone();
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TxAttempt a && hash.equals(a.hash) && java.util.Arrays.equals(raw, a.raw)
        && maxFeePerGas.equals(a.maxFeePerGas) && maxPriorityFeePerGas.equals(a.maxPriorityFeePerGas)
        && createdAtMillis == a.createdAtMillis;
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }
}
