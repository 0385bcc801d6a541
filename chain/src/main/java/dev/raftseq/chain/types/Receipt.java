package dev.raftseq.chain.types;

import java.util.List;

/**
 * A transaction receipt's consensus fields (EIP-2718 typed receipt: status, cumulative gas,
 * bloom, logs). Per-transaction gas used is the difference of cumulative gas with the previous
 * receipt of the block.
 */
public record Receipt(TxType type, boolean success, long cumulativeGasUsed, byte[] logsBloom, List<Log> logs) {
  public Receipt {
    logsBloom = logsBloom.clone();
    logs = List.copyOf(logs);
  }

  @Override
  public byte[] logsBloom() {
    return logsBloom.clone();
  }
}
