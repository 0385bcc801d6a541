package dev.raftseq.node;

import java.util.concurrent.CompletableFuture;

/**
 * Where an admitted transaction goes before it is acknowledged. A single sequencer acknowledges
 * once the transaction is in its pool; a consensus node only after the transaction is committed
 * in the Raft log, so a new leader has it.
 */
@FunctionalInterface
interface TxAdmission {
  CompletableFuture<Void> replicate(byte[] raw);

  static TxAdmission local() {
    return raw -> CompletableFuture.completedFuture(null);
  }
}
