package dev.raftseq.chain.exec;

import dev.raftseq.chain.pool.TxRejection;

/** The outcome of offering one transaction to a block: applied to the state, or invalid there. */
public sealed interface TxResult {

  /** Executed; the state now holds its effects. */
  record Applied(long gasUsed) implements TxResult {}

  /**
   * Not executable on this state; the state is unchanged. {@code detail} follows geth's wording
   * after the colon, e.g. "address 0x.., tx: 3 state: 5".
   *
   * @param retryLater true when the transaction is valid but does not fit in the gas the block
   *     has left: it may go into the next block
   */
  record Invalid(TxRejection reason, String detail, boolean retryLater) implements TxResult {
    public Invalid(TxRejection reason, String detail) {
      this(reason, detail, false);
    }

    public String message() {
      return reason.message() + ": " + detail;
    }
  }
}
