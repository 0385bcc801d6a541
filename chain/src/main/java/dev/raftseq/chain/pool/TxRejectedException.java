package dev.raftseq.chain.pool;

/** A transaction refused by validation or the pool; JSON-RPC answers -32000 with {@link #getMessage()}. */
public class TxRejectedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final TxRejection reason;

  public TxRejectedException(TxRejection reason) {
    super(reason.message());
    this.reason = reason;
  }

  /** geth appends details after a colon, e.g. "nonce too low: next nonce 5, tx nonce 3". */
  public TxRejectedException(TxRejection reason, String detail) {
    super(reason.message() + ": " + detail);
    this.reason = reason;
  }

  public TxRejection reason() {
    return reason;
  }
}
