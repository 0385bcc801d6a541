package dev.raftseq.chain.exec;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import java.util.List;

/** Receipts of executed transactions. */
final class Receipts {
  private static final byte[] ZERO_BLOOM = new byte[Header.BLOOM_BYTES];

  private Receipts() {}

  /** A successful value transfer: no logs, so an all-zero bloom. */
  static Receipt transfer(RecoveredTx tx, long cumulativeGasUsed) {
    return new Receipt(tx.tx().type(), true, cumulativeGasUsed, ZERO_BLOOM, List.of());
  }

  /** The receipt of an applied transaction: status, cumulative gas, logs and their bloom. */
  static Receipt of(RecoveredTx tx, TxResult.Applied applied, long cumulativeGasUsed) {
    if (applied.logs().isEmpty()) {
      return new Receipt(tx.tx().type(), applied.success(), cumulativeGasUsed, ZERO_BLOOM, List.of());
    }
    return new Receipt(
        tx.tx().type(), applied.success(), cumulativeGasUsed, BlockCodec.bloom(applied.logs()), applied.logs());
  }
}
