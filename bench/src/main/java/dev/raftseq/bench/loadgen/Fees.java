package dev.raftseq.bench.loadgen;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Fee fields of the generated transfers. For {@link TxKind#LEGACY} {@code maxFeePerGas} is the gas
 * price and {@code tipPerGas} is unused.
 */
public record Fees(TxKind kind, BigInteger maxFeePerGas, BigInteger tipPerGas) {
  public Fees {
    Objects.requireNonNull(kind, "kind");
    if (maxFeePerGas.signum() < 0 || tipPerGas.signum() < 0) {
      throw new IllegalArgumentException("fees must not be negative");
    }
    if (kind == TxKind.EIP1559 && tipPerGas.compareTo(maxFeePerGas) > 0) {
      throw new IllegalArgumentException("tip " + tipPerGas + " exceeds max fee " + maxFeePerGas);
    }
  }

  /**
   * Fills what the command line left open from the node's {@code eth_gasPrice}: twice that price
   * (plus the tip) leaves room for the base fee to rise during a run.
   */
  public static Fees resolve(TxKind kind, BigInteger maxFeeOrNull, BigInteger tipOrNull, BigInteger nodeGasPrice) {
    BigInteger tip = tipOrNull != null ? tipOrNull : Units.GWEI;
    BigInteger maxFee = maxFeeOrNull != null
        ? maxFeeOrNull
        : nodeGasPrice.shiftLeft(1).add(kind == TxKind.EIP1559 ? tip : BigInteger.ZERO);
    if (kind == TxKind.EIP1559 && tipOrNull == null && tip.compareTo(maxFee) > 0) {
      tip = maxFee; // an explicit low max fee with the default tip
    }
    return new Fees(kind, maxFee, tip);
  }
}
