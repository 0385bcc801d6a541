package dev.raftseq.chain.types;

import java.util.List;

/**
 * A signed transaction of any supported type, as decoded. For legacy and EIP-2930 transactions
 * {@code maxPriorityFeePerGas == maxFeePerGas == gasPrice}. {@code chainId} is null only for
 * pre-EIP-155 legacy transactions (which this chain never admits, but the codec can read).
 * {@code to} is null for contract creation.
 */
public record Transaction(
    TxType type,
    Long chainId,
    long nonce,
    Wei maxPriorityFeePerGas,
    Wei maxFeePerGas,
    long gasLimit,
    Address to,
    Wei value,
    byte[] data,
    List<AccessTuple> accessList,
    Signature signature) {

  public Transaction {
    data = data.clone();
    accessList = List.copyOf(accessList);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public int dataLength() {
    return data.length;
  }

  public Wei gasPrice() {
    return maxFeePerGas;
  }

  public boolean isContractCreation() {
    return to == null;
  }

  /** The price per gas actually paid at a block with this base fee (EIP-1559). */
  public Wei effectiveGasPrice(Wei baseFee) {
    if (type != TxType.EIP1559) {
      return maxFeePerGas;
    }
    Wei tip = maxFeePerGas.subtract(baseFee);
    return baseFee.add(tip.lessThan(maxPriorityFeePerGas) ? tip : maxPriorityFeePerGas);
  }
}
