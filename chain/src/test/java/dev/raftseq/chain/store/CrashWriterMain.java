package dev.raftseq.chain.store;

import dev.raftseq.chain.types.RecoveredTx;
import java.nio.file.Path;
import java.util.List;

/**
 * The process the crash test kills: applies blocks of {@link CrashWorkload} forever, each after
 * adding its transactions to the pool, and prints "committed N" once block N's commit returned.
 * Arguments: database directory, workload seed.
 */
public final class CrashWriterMain {
  private CrashWriterMain() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    try (RocksChainStore store = RocksChainStore.open(dir, CrashWorkload.CHAIN)) {
      if (store.isEmpty()) {
        store.commit(TestBlocks.next(store, CrashWorkload.diff(seed, 0), List.of(), CrashWorkload.commitIndex(0)));
        report(0);
      }
      for (long n = store.head().number() + 1; ; n++) {
        List<RecoveredTx> txs = CrashWorkload.txs(n);
        store.addToPool(txs.stream().map(RecoveredTx::encoded).toList(), CrashWorkload.poolIndex(n));
        store.commit(TestBlocks.next(store, CrashWorkload.diff(seed, n), txs, CrashWorkload.commitIndex(n)));
        report(n);
      }
    }
  }

  private static void report(long n) {
    System.out.println("committed " + n);
    System.out.flush();
  }
}
