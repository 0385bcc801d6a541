package dev.raftseq.producer.mempool;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import java.math.BigInteger;

/**
 * A transaction as the pool holds it: with its admission sequence (its order in the log, so ties in
 * priority go to the earlier one the same way on every node) and the numbers the pool compares,
 * unpacked once.
 */
record PooledTx(RecoveredTx recovered, long seq, BigInteger cost) {

  static PooledTx of(RecoveredTx recovered, long seq) {
    Transaction tx = recovered.tx();
    BigInteger cost =
        BigInteger.valueOf(tx.gasLimit())
            .multiply(tx.maxFeePerGas().value())
            .add(tx.value().value());
    return new PooledTx(recovered, seq, cost);
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
