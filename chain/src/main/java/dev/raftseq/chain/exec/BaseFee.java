package dev.raftseq.chain.exec;

import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;

/**
 * EIP-1559 base fee of the block after {@code parent}, with Ethereum's parameters and exactly
 * Ethereum's integer arithmetic (go-ethereum {@code consensus/misc/eip1559.CalcBaseFee}): target =
 * gasLimit / 2, change = baseFee * |gasUsed - target| / target / 8, at least 1 wei when rising,
 * never below zero when falling. There is no floor: an idle chain decays towards 7 wei, where
 * {@code 7 / 8 == 0} stops the decrease. Every block of this chain, genesis included, is a London
 * block, so the genesis base fee comes from the genesis file and block 1 already adjusts it.
 */
public final class BaseFee {
  public static final long ELASTICITY_MULTIPLIER = 2;
  public static final long CHANGE_DENOMINATOR = 8;

  private BaseFee() {}

  public static Wei next(Header parent) {
    return next(parent.baseFeePerGas(), parent.gasLimit(), parent.gasUsed());
  }

  static Wei next(Wei parentBaseFee, long parentGasLimit, long parentGasUsed) {
    long target = parentGasLimit / ELASTICITY_MULTIPLIER;
    if (parentGasUsed == target) {
      return parentBaseFee;
    }
    BigInteger fee = parentBaseFee.value();
    if (target == 0) {
      // a degenerate gas limit of 0 or 1; geth would divide by zero here, we keep the fee
      return parentBaseFee;
    }
    if (parentGasUsed > target) {
      BigInteger delta =
          fee.multiply(BigInteger.valueOf(parentGasUsed - target))
              .divide(BigInteger.valueOf(target))
              .divide(BigInteger.valueOf(CHANGE_DENOMINATOR))
              .max(BigInteger.ONE);
      return Wei.of(fee.add(delta));
    }
    BigInteger delta =
        fee.multiply(BigInteger.valueOf(target - parentGasUsed))
            .divide(BigInteger.valueOf(target))
            .divide(BigInteger.valueOf(CHANGE_DENOMINATOR));
    return Wei.of(fee.subtract(delta).max(BigInteger.ZERO));
  }
}
