package dev.raftseq.producer.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.testing.Txs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Shared helpers of the mempool tests. */
final class PoolFixture {
  static final Wei BASE_FEE = Wei.of(10);
  static final long BLOCK_GAS = 30_000_000;

  private PoolFixture() {}

  static MempoolConfig config() {
    return MempoolConfig.defaults(Txs.CHAIN_ID, BLOCK_GAS);
  }

  static Mempool pool(MempoolConfig config) {
    return new Mempool(config);
  }

  static void addAll(Mempool pool, StateView head, RecoveredTx... txs) throws TxRejectedException {
    for (RecoveredTx t : txs) {
      pool.add(t, head, BASE_FEE);
    }
  }

  /** Everything the candidates offer, without skipping. */
  static List<RecoveredTx> drain(TxCandidates c) {
    List<RecoveredTx> out = new ArrayList<>();
    for (RecoveredTx t = c.next(); t != null; t = c.next()) {
      out.add(t);
    }
    return out;
  }

  /** The cached counters agree with the listings, and nothing is listed twice. */
  static void assertConsistent(Mempool pool) {
    List<RecoveredTx> pending = pool.pendingTransactions();
    List<RecoveredTx> queued = pool.queuedTransactions();
    assertThat(pool.pendingCount()).isEqualTo(pending.size());
    assertThat(pool.queuedCount()).isEqualTo(queued.size());
    assertThat(pool.size()).isEqualTo(pending.size() + queued.size());
    assertThat(pool.pendingGas()).isEqualTo(pending.stream().mapToLong(t -> t.tx().gasLimit()).sum());
    Set<Object> hashes = new HashSet<>();
    for (RecoveredTx t : pending) {
      assertThat(hashes.add(t.hash())).isTrue();
      assertThat(pool.contains(t.hash())).isTrue();
    }
    for (RecoveredTx t : queued) {
      assertThat(hashes.add(t.hash())).isTrue();
      assertThat(pool.contains(t.hash())).isTrue();
    }
  }
}
