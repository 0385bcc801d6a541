package dev.raftseq.chain.exec;

import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Log;
import java.util.List;

/** The outcome of offering one transaction to a block: applied to the state, or invalid there. */
public sealed interface TxResult {

  /**
   * Executed; the state now holds its effects (for a failed execution: the fee and the nonce).
   *
   * @param success receipt status: false when the execution reverted or halted (its state
   *     changes are rolled back, the gas is still charged)
   * @param logs the logs of a successful execution
   * @param contractAddress the created contract of a successful creation transaction, else null
   * @param output the return data (or revert data)
   * @param error why the execution failed, null on success
   */
  record Applied(
      long gasUsed, boolean success, List<Log> logs, Address contractAddress, byte[] output, String error)
      implements TxResult {
    public Applied {
      logs = List.copyOf(logs);
      output = output.clone();
    }

    @Override
    public byte[] output() {
      return output.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Applied a
          && a.gasUsed == gasUsed
          && a.success == success
          && a.logs.equals(logs)
          && java.util.Objects.equals(a.contractAddress, contractAddress)
          && java.util.Arrays.equals(a.output, output)
          && java.util.Objects.equals(a.error, error);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(gasUsed, success, logs, contractAddress, java.util.Arrays.hashCode(output), error);
    }

    /** A successful execution without logs or output, e.g. a plain transfer. */
    public Applied(long gasUsed) {
      this(gasUsed, true, List.of(), null, new byte[0], null);
    }
  }

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
