package dev.raftseq.chain.codec;

import dev.raftseq.chain.exec.IntrinsicGas;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;

/**
 * Validity rules of a decoded transaction that do not depend on state or on the block: what
 * {@link TransactionCodec#decodeStrict} cannot see because the encoding itself is fine.
 *
 * <ul>
 *   <li>gas limit covers the intrinsic gas ({@link IntrinsicGas#of});
 *   <li>creation initcode is at most {@link IntrinsicGas#MAX_INITCODE_SIZE} bytes (EIP-3860);
 *   <li>gasLimit * maxFeePerGas fits 256 bits (geth rejects the overflow when buying gas, as
 *       insufficient funds).
 * </ul>
 *
 * Balance, nonce, base fee and block gas limit checks need state and belong to the pool and the
 * block builder.
 */
public final class TransactionValidity {
  private TransactionValidity() {}

  public static void check(RecoveredTx recovered) throws TxRejectedException {
    Transaction tx = recovered.tx();
    if (tx.isContractCreation() && tx.dataLength() > IntrinsicGas.MAX_INITCODE_SIZE) {
      throw new TxRejectedException(TxRejection.OVERSIZED, "max initcode size exceeded: code size "
          + tx.dataLength() + ", limit " + IntrinsicGas.MAX_INITCODE_SIZE);
    }
    long intrinsic = IntrinsicGas.of(tx);
    if (tx.gasLimit() < intrinsic) {
      throw new TxRejectedException(TxRejection.INTRINSIC_GAS, "have " + tx.gasLimit() + ", want " + intrinsic);
    }
    BigInteger maxCost = tx.maxFeePerGas().value().multiply(BigInteger.valueOf(tx.gasLimit()));
    if (maxCost.compareTo(Wei.MAX) > 0) {
      throw new TxRejectedException(TxRejection.INSUFFICIENT_FUNDS, "gas * price exceeds 2^256-1");
    }
  }
}
