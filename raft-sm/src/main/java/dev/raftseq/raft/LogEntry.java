package dev.raftseq.raft;

import java.util.List;

/** A decoded Raft log entry of the sequencer: a sealed block or a batch of client transactions. */
public sealed interface LogEntry permits LogEntry.BlockEntry, LogEntry.TxBatchEntry {

  /** One sealed block; its bytes are opaque to this module (the applier decodes them). */
  record BlockEntry(byte[] encodedBlock) implements LogEntry {
    public BlockEntry {
      encodedBlock = encodedBlock.clone();
    }

    @Override
    public byte[] encodedBlock() {
      return encodedBlock.clone();
    }
  }

  /** Raw signed transactions (EIP-2718 envelopes), replicated before the RPC acknowledges them. */
  record TxBatchEntry(List<byte[]> rawTxs) implements LogEntry {
    public TxBatchEntry {
      rawTxs = rawTxs.stream().map(byte[]::clone).toList();
    }

    @Override
    public List<byte[]> rawTxs() {
      return rawTxs.stream().map(byte[]::clone).toList();
    }
  }
}
