package dev.raftseq.batcher.l1;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * How the batcher sends its L1 transactions.
 *
 * @param confirmations a transaction counts as settled, and is forgotten, once its block has this
 *     many blocks on top of it including itself (1: as soon as it is mined)
 * @param stuckTimeout a transaction still pending after this long is re-priced: the same nonce and
 *     call, fees raised by {@code feeBumpPercent} (at least the node's current suggestion)
 * @param feeBumpPercent at least 10 (the replacement rule of geth and anvil)
 * @param maxFeePerGas cap on maxFeePerGas (zksync-os-server's l1_sender.max_fee_per_gas)
 * @param maxPriorityFeePerGas cap on the tip (l1_sender.max_priority_fee_per_gas); it must leave room
 *     above the L1's usual tip, or a stuck transaction cannot be re-priced
 * @param maxInFlight at most this many unsettled transactions at once (consecutive nonces)
 */
public record SubmitterSettings(
    int confirmations,
    Duration stuckTimeout,
    int feeBumpPercent,
    BigInteger maxFeePerGas,
    BigInteger maxPriorityFeePerGas,
    int maxInFlight) {
  /** Gas limits per step, measured on anvil (see SettlementContractIT) with a wide margin. */
  public static final long COMMIT_GAS = 200_000;
  public static final long PROVE_GAS_BASE = 80_000;
  public static final long PROVE_GAS_PER_SIGNATURE = 15_000;
  public static final long EXECUTE_GAS = 80_000;

  public SubmitterSettings {
    Objects.requireNonNull(stuckTimeout, "stuckTimeout");
    Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
    Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
    if (confirmations < 1) {
      throw new IllegalArgumentException("confirmations must be at least 1");
    }
    if (feeBumpPercent < 10) {
      throw new IllegalArgumentException("fee bump must be at least 10%, the L1's replacement minimum");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1");
    }
    if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
      throw new IllegalArgumentException("the tip cap exceeds the fee cap");
    }
  }

  public static SubmitterSettings defaults() {
    return new SubmitterSettings(1, Duration.ofSeconds(30), 25, BigInteger.valueOf(100_000_000_000L),
        BigInteger.valueOf(5_000_000_000L), 16);
  }

  public long gasLimit(Step.Kind kind, int signatures) {
    return switch (kind) {
      case COMMIT -> COMMIT_GAS;
      case PROVE -> PROVE_GAS_BASE + PROVE_GAS_PER_SIGNATURE * signatures;
      case EXECUTE -> EXECUTE_GAS;
    };
  }
}
