package dev.raftseq.chain.exec;

import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.genesis.DevKeys;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Signature;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.List;

/** A transaction to sign with a dev key, with sensible defaults and withers for each field. */
record TxSpec(
    int signer,
    TxType type,
    Long chainId,
    long nonce,
    Wei tip,
    Wei maxFee,
    long gasLimit,
    Address to,
    Wei value,
    byte[] data) {

  static final long CHAIN_ID = 270;
  static final Wei GWEI = Wei.of(1_000_000_000L);

  /** 1 wei from dev account {@code signer} to dev account 9, EIP-1559, 2 gwei cap, 1 gwei tip. */
  static TxSpec from(int signer) {
    return new TxSpec(
        signer, TxType.EIP1559, CHAIN_ID, 0, GWEI, GWEI.multiply(2), 21_000, DevKeys.address(9), Wei.of(1), new byte[0]);
  }

  TxSpec nonce(long n) {
    return new TxSpec(signer, type, chainId, n, tip, maxFee, gasLimit, to, value, data);
  }

  TxSpec to(Address a) {
    return new TxSpec(signer, type, chainId, nonce, tip, maxFee, gasLimit, a, value, data);
  }

  TxSpec value(Wei v) {
    return new TxSpec(signer, type, chainId, nonce, tip, maxFee, gasLimit, to, v, data);
  }

  TxSpec gasLimit(long g) {
    return new TxSpec(signer, type, chainId, nonce, tip, maxFee, g, to, value, data);
  }

  TxSpec fees(Wei maxFeePerGas, Wei maxPriorityFeePerGas) {
    return new TxSpec(signer, type, chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data);
  }

  /** A legacy (EIP-155) transaction at this gas price. */
  TxSpec legacy(Wei gasPrice) {
    return new TxSpec(signer, TxType.LEGACY, chainId, nonce, gasPrice, gasPrice, gasLimit, to, value, data);
  }

  /** A pre-EIP-155 legacy transaction: no chain id in its signature. */
  TxSpec unprotected() {
    return new TxSpec(signer, TxType.LEGACY, null, nonce, maxFee, maxFee, gasLimit, to, value, data);
  }

  TxSpec chainId(long id) {
    return new TxSpec(signer, type, id, nonce, tip, maxFee, gasLimit, to, value, data);
  }

  TxSpec data(byte[] d) {
    return new TxSpec(signer, type, chainId, nonce, tip, maxFee, gasLimit, to, value, d);
  }

  Address sender() {
    return DevKeys.address(signer);
  }

  RecoveredTx sign() {
    Signature none = new Signature(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    Transaction unsigned = new Transaction(type, chainId, nonce, tip, maxFee, gasLimit, to, value, data, List.of(), none);
    return TransactionCodec.sign(unsigned, DevKeys.privateKey(signer));
  }
}
