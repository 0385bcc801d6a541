package dev.raftseq.chain.exec;

import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;

/**
 * Validates and executes a transaction with Ethereum's (Cancun) rules, restricted to value
 * transfers between externally owned accounts: there is no EVM yet, so contract creation and
 * calls to code (including precompiles, which would run and charge gas) are refused as
 * {@link TxRejection#UNSUPPORTED} instead of being executed wrongly.
 *
 * <p>Checks follow go-ethereum's {@code state_transition.go} (preCheck, buyGas, intrinsic gas):
 * the balance must cover {@code gasLimit * maxFeePerGas + value}; the sender then pays
 * {@code gasUsed * effectiveGasPrice + value}, the coinbase receives the priority fee
 * {@code (effectiveGasPrice - baseFee) * gasUsed} and the base fee is burned. A transfer uses
 * exactly its intrinsic gas (no refunds apply).
 */
public final class TxProcessor {
  private static final Address LAST_PRECOMPILE = precompile(0x0a); // Cancun: 0x01..0x0a
  /**
   * EIP-2681 caps nonces at 2^64-1; here nonces and gas limits are Java longs (the codec rejects
   * larger ones), so an account at 2^63-1 can send no more transactions.
   */
  private static final long MAX_NONCE = Long.MAX_VALUE;

  private final boolean acceptUnprotected;

  /** This chain's rules: every transaction names this chain (EIP-155 replay protection). */
  public TxProcessor() {
    this(false);
  }

  /**
   * @param acceptUnprotected also accept pre-EIP-155 legacy transactions (no chain id), as
   *     Ethereum blocks do; only Ethereum's conformance tests need this
   */
  TxProcessor(boolean acceptUnprotected) {
    this.acceptUnprotected = acceptUnprotected;
  }

  /**
   * Offers {@code rtx} to a block: when valid, applies it to {@code state} and returns its gas;
   * otherwise returns why and leaves {@code state} unchanged.
   *
   * @param blockGasLeft the block's gas limit minus the gas of the transactions before this one
   */
  public TxResult apply(RecoveredTx rtx, StateOverlay state, BlockContext block, long blockGasLeft) {
    Transaction tx = rtx.tx();
    Address sender = rtx.sender();
    long gasUsed = IntrinsicGas.of(tx); // a transfer uses exactly its intrinsic gas
    TxResult.Invalid invalid = check(rtx, state, block, blockGasLeft, gasUsed, acceptUnprotected);
    if (invalid != null) {
      return invalid;
    }
    Wei price = tx.effectiveGasPrice(block.baseFee());
    Account from = state.accountOrEmpty(sender);
    Wei cost = price.multiply(gasUsed).add(tx.value());
    state.put(sender, from.withNonce(from.nonce() + 1).withBalance(from.balance().subtract(cost)));
    state.addBalance(tx.to(), tx.value());
    state.addBalance(block.coinbase(), price.subtract(block.baseFee()).multiply(gasUsed));
    return new TxResult.Applied(gasUsed);
  }

  /** The first rule {@code rtx} breaks on this state, or null when it is valid. */
  private static TxResult.Invalid check(
      RecoveredTx rtx, StateOverlay state, BlockContext block, long blockGasLeft, long intrinsic,
      boolean acceptUnprotected) {
    Transaction tx = rtx.tx();
    Address sender = rtx.sender();
    boolean chainOk = tx.chainId() == null ? acceptUnprotected : tx.chainId() == block.chainId();
    if (!chainOk) {
      return invalid(TxRejection.INVALID_CHAIN_ID, "have " + tx.chainId() + ", want " + block.chainId());
    }
    if (tx.isContractCreation()) {
      return invalid(TxRejection.UNSUPPORTED, "contract creation from " + sender);
    }
    if (tx.maxFeePerGas().lessThan(tx.maxPriorityFeePerGas())) {
      return invalid(
          TxRejection.TIP_ABOVE_FEE_CAP,
          "address " + sender + ", maxPriorityFeePerGas: " + tx.maxPriorityFeePerGas()
              + ", maxFeePerGas: " + tx.maxFeePerGas());
    }
    if (tx.gasLimit() < intrinsic) {
      return invalid(TxRejection.INTRINSIC_GAS, "have " + tx.gasLimit() + ", want " + intrinsic);
    }
    Account from = state.accountOrEmpty(sender);
    if (tx.nonce() != from.nonce()) {
      return invalid(
          tx.nonce() < from.nonce() ? TxRejection.NONCE_TOO_LOW : TxRejection.NONCE_TOO_HIGH,
          "address " + sender + ", tx: " + tx.nonce() + " state: " + from.nonce());
    }
    if (from.nonce() == MAX_NONCE) {
      return invalid(TxRejection.NONCE_MAX, "address " + sender + ", nonce: " + from.nonce());
    }
    if (state.hasCode(sender)) {
      return invalid(TxRejection.SENDER_NOT_EOA, "address " + sender + ", codehash: " + from.codeHash());
    }
    if (tx.maxFeePerGas().lessThan(block.baseFee())) {
      return invalid(
          TxRejection.FEE_CAP_BELOW_BASE_FEE,
          "address " + sender + ", maxFeePerGas: " + tx.maxFeePerGas() + ", baseFee: " + block.baseFee());
    }
    BigInteger want =
        tx.maxFeePerGas().value().multiply(BigInteger.valueOf(tx.gasLimit())).add(tx.value().value());
    if (from.balance().value().compareTo(want) < 0) {
      return invalid(
          TxRejection.INSUFFICIENT_FUNDS, "address " + sender + " have " + from.balance() + " want " + want);
    }
    if (isPrecompile(tx.to()) || state.hasCode(tx.to())) {
      return invalid(TxRejection.UNSUPPORTED, "call to contract code at " + tx.to());
    }
    if (tx.gasLimit() > block.gasLimit()) {
      return invalid(TxRejection.GAS_LIMIT, "tx gas limit " + tx.gasLimit() + ", block gas limit " + block.gasLimit());
    }
    if (tx.gasLimit() > blockGasLeft) {
      return new TxResult.Invalid(
          TxRejection.GAS_LIMIT, "tx gas limit " + tx.gasLimit() + ", block gas left " + blockGasLeft, true);
    }
    return null;
  }

  static boolean isPrecompile(Address a) {
    byte[] b = a.unsafeBytes();
    for (int i = 0; i < 19; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[19] != 0 && a.compareTo(LAST_PRECOMPILE) <= 0;
  }

  private static Address precompile(int n) {
    byte[] b = new byte[20];
    b[19] = (byte) n;
    return new Address(b);
  }

  private static TxResult.Invalid invalid(TxRejection reason, String detail) {
    return new TxResult.Invalid(reason, detail);
  }
}
