package dev.raftseq.producer.entry;

import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.chain.types.Header;
import java.util.List;
import java.util.Objects;

/**
 * An entry of the sequencer's replicated log, as the core encodes and applies it. The consensus
 * port moves entries as opaque bytes ({@link EntryCodec}); their meaning is the core's.
 */
public sealed interface LogEntry {

  /** Client transactions, replicated before any node acknowledges them; they join the committed set. */
  record TxBatch(List<RawTx> txs) implements LogEntry {
    public TxBatch {
      txs = List.copyOf(txs);
      if (txs.isEmpty()) {
        throw new IllegalArgumentException("empty transaction batch");
      }
    }
  }

  /**
   * A sealed block that names its transactions by hash: every node holds them already in its
   * committed set (a deterministic function of the log), so bodies are replicated once, in the
   * batches that acknowledged them.
   */
  record BlockRef(Header header, List<Hash> txHashes) implements LogEntry {
    public BlockRef {
      Objects.requireNonNull(header, "header");
      txHashes = List.copyOf(txHashes);
    }
  }

  /** A sealed block with its transaction bodies (the RLP block), as entries before references were. */
  record FullBlock(byte[] encodedBlock) implements LogEntry {
    public FullBlock {
      Objects.requireNonNull(encodedBlock, "encodedBlock");
    }
  }

  /**
   * Committed transactions the leader's block builder found can never be included; every node
   * drops them from its committed set at this point of the log.
   */
  record DropTxs(List<Drop> drops) implements LogEntry {
    public DropTxs {
      drops = List.copyOf(drops);
      if (drops.isEmpty()) {
        throw new IllegalArgumentException("empty drop entry");
      }
    }
  }

  /** One dropped transaction and why it can never be included. */
  record Drop(Hash hash, TxRejection reason) {
    public Drop {
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
