package dev.raftseq.producer.mempool;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import java.math.BigInteger;
import java.util.Comparator;

/**
 * A transaction as the pool holds it: with its arrival sequence (ties in priority go to the
 * earlier one), arrival time (for expiry), and the numbers the pool compares, unpacked once.
 */
record PooledTx(RecoveredTx recovered, long seq, long arrivalMillis, BigInteger cost) {

  /** Cheapest first; among equal prices the newest first, so older transactions survive. */
  static final Comparator<PooledTx> EVICTION_ORDER =
      Comparator.comparing(PooledTx::tip)
          .thenComparing(PooledTx::feeCap)
          .thenComparing(Comparator.comparingLong(PooledTx::seq).reversed());

  static PooledTx of(RecoveredTx recovered, long seq, long arrivalMillis) {
    Transaction tx = recovered.tx();
    BigInteger cost =
        BigInteger.valueOf(tx.gasLimit())
            .multiply(tx.maxFeePerGas().value())
            .add(tx.value().value());
    return new PooledTx(recovered, seq, arrivalMillis, cost);
  }

  Transaction tx() {
    return recovered.tx();
  }

  Address sender() {
    return recovered.sender();
  }

  long nonce() {
    return recovered.tx().nonce();
  }

  long gas() {
    return recovered.tx().gasLimit();
  }

  BigInteger tip() {
    return recovered.tx().maxPriorityFeePerGas().value();
  }

  BigInteger feeCap() {
    return recovered.tx().maxFeePerGas().value();
  }

  /** min(tip, feeCap - baseFee): what the block producer earns per gas; negative if unpayable. */
  static BigInteger effectiveTip(Transaction tx, BigInteger baseFee) {
    BigInteger headroom = tx.maxFeePerGas().value().subtract(baseFee);
    return headroom.min(tx.maxPriorityFeePerGas().value());
  }
}
