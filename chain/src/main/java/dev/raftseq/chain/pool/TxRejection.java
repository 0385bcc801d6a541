package dev.raftseq.chain.pool;

/** Why a transaction is refused, with geth's message texts so clients recognize them. */
public enum TxRejection {
  /** Bytes that are not a valid transaction (in a replicated entry; over RPC the decoder's own text is used). */
  INVALID("invalid transaction"),
  NONCE_TOO_LOW("nonce too low"),
  NONCE_TOO_HIGH("nonce too high"),
  NONCE_MAX("nonce has max value"),
  INSUFFICIENT_FUNDS("insufficient funds for gas * price + value"),
  ALREADY_KNOWN("already known"),
  REPLACEMENT_UNDERPRICED("replacement transaction underpriced"),
  UNDERPRICED("transaction underpriced"),
  FEE_CAP_BELOW_BASE_FEE("max fee per gas less than block base fee"),
  TIP_ABOVE_FEE_CAP("max priority fee per gas higher than max fee per gas"),
  GAS_LIMIT("exceeds block gas limit"),
  INTRINSIC_GAS("intrinsic gas too low"),
  INVALID_CHAIN_ID("invalid chain id"),
  INVALID_SENDER("invalid sender"),
  /** EIP-3607: the sender has code. */
  SENDER_NOT_EOA("sender not an eoa"),
  OVERSIZED("oversized data"),
  POOL_FULL("txpool is full"),
  ACCOUNT_LIMIT("account limit exceeded"),
  UNSUPPORTED("contract creation and calls to contract code are not supported yet"),
  /** EIP-3860: a creation transaction carries more than 49152 bytes of initcode. */
  INIT_CODE_TOO_LARGE("max initcode size exceeded"),
  /** EIP-4844 rules of a blob transaction (creation, no or too many blobs, hash version, blob fee cap). */
  BLOB_INVALID("invalid blob transaction"),
  NOT_SERVING("node is not accepting transactions");

  private final String message;

  TxRejection(String message) {
    this.message = message;
  }

  /** The geth text, e.g. "nonce too low". */
  public String message() {
    return message;
  }
}
