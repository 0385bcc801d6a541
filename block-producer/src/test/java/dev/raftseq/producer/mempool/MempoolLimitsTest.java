package dev.raftseq.producer.mempool;

import static dev.raftseq.producer.mempool.PoolFixture.BASE_FEE;
import static dev.raftseq.producer.mempool.PoolFixture.assertConsistent;
import static dev.raftseq.producer.testing.Txs.addr;
import static dev.raftseq.producer.testing.Txs.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.producer.testing.FakeState;
import dev.raftseq.producer.testing.Txs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replacement, per-sender and total limits (refusals, never evictions), check and restore. */
class MempoolLimitsTest {
  private final Address a = addr(1);
  private final Address b = addr(2);
  private final Address c = addr(3);
  private final FakeState head = FakeState.funded(a, b, c);
  private final List<String> removals = new ArrayList<>();

  private Mempool pool(MempoolConfig config) {
    return new Mempool(config, (t, why) -> removals.add(why + " " + t.hash()));
  }

  private static TxRejection rejection(Mempool pool, RecoveredTx t, FakeState head) {
    try {
      pool.add(t, head, BASE_FEE);
      return null;
    } catch (TxRejectedException e) {
      return e.reason();
    }
  }

  @Test
  void replacementNeedsTenPercentMoreOnBothFeeCapAndTip() throws Exception {
    Mempool pool = pool(PoolFixture.config());
    RecoveredTx original = Txs.from(a).tip(100).feeCap(1_000).build();
    pool.add(original, head, BASE_FEE);

    RecoveredTx ninePercent = Txs.from(a).tip(109).feeCap(1_090).build();
    assertThatThrownBy(() -> pool.add(ninePercent, head, BASE_FEE))
        .isInstanceOf(TxRejectedException.class)
        .hasMessage("replacement transaction underpriced");
    assertThat(rejection(pool, Txs.from(a).tip(110).feeCap(1_000).build(), head))
        .as("tip bumped, fee cap not").isEqualTo(TxRejection.REPLACEMENT_UNDERPRICED);
    assertThat(rejection(pool, Txs.from(a).tip(100).feeCap(1_100).build(), head))
        .as("fee cap bumped, tip not").isEqualTo(TxRejection.REPLACEMENT_UNDERPRICED);
    assertThat(pool.get(original.hash())).isEqualTo(original);

    RecoveredTx tenPercent = Txs.from(a).tip(110).feeCap(1_100).build();
    pool.add(tenPercent, head, BASE_FEE);
    assertThat(pool.contains(original.hash())).isFalse();
    assertThat(pool.get(tenPercent.hash())).isEqualTo(tenPercent);
    assertThat(pool.size()).isEqualTo(1);
    assertThat(removals).containsExactly("REPLACED " + original.hash());
    assertConsistent(pool);
  }

  @Test
  void aZeroTipIsReplacedOnlyWithAStrictlyHigherTip() throws Exception {
    Mempool pool = pool(PoolFixture.config());
    pool.add(Txs.from(a).tip(0).feeCap(1_000).build(), head, BASE_FEE);
    assertThat(rejection(pool, Txs.from(a).tip(0).feeCap(5_000).build(), head))
        .isEqualTo(TxRejection.REPLACEMENT_UNDERPRICED);
    assertThat(rejection(pool, Txs.from(a).tip(1).feeCap(1_100).build(), head)).isNull();
  }

  @Test
  void replacingAQueuedTransactionKeepsItQueued() throws Exception {
    Mempool pool = pool(PoolFixture.config());
    pool.add(tx(a, 2, 100), head, BASE_FEE);
    RecoveredTx bumped = tx(a, 2, 200);
    pool.add(bumped, head, BASE_FEE);
    assertThat(pool.queuedTransactions()).containsExactly(bumped);
    assertThat(pool.pendingCount()).isZero();
    assertConsistent(pool);
  }

  @Test
  void perSenderLimit() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLimits(100, 3, 1));
    pool.add(tx(a, 0), head, BASE_FEE);
    pool.add(tx(a, 1), head, BASE_FEE);
    pool.add(tx(a, 2), head, BASE_FEE);
    assertThatThrownBy(() -> pool.add(tx(a, 3), head, BASE_FEE))
        .isInstanceOf(TxRejectedException.class)
        .hasMessage("account limit exceeded: sender " + a + " has 3 transactions in the pool, limit 3");
    // replacing one is not a new transaction
    assertThat(rejection(pool, tx(a, 1, 1_000), head)).isNull();
    assertThat(rejection(pool, tx(b, 0), head)).isNull();
  }

  @Test
  void perSenderQueuedLimit() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLimits(100, 10, 2));
    pool.add(tx(a, 5), head, BASE_FEE);
    pool.add(tx(a, 6), head, BASE_FEE);
    assertThatThrownBy(() -> pool.add(tx(a, 9), head, BASE_FEE))
        .isInstanceOf(TxRejectedException.class)
        .hasMessage("account limit exceeded: sender " + a + " has 2 transactions behind a nonce gap, limit 2");
    // executable ones are still welcome, and they promote the queued ones
    pool.add(tx(a, 0), head, BASE_FEE);
    assertThat(pool.queuedCount()).isEqualTo(2);
    for (int n = 1; n <= 4; n++) {
      pool.add(tx(a, n), head, BASE_FEE);
    }
    assertThat(pool.pendingCount()).isEqualTo(7);
    assertThat(pool.queuedCount()).isZero();
    assertThat(rejection(pool, tx(a, 9), head)).isNull();
    assertConsistent(pool);
  }

  @Test
  void aFullPoolRefusesEvenABetterPayingTransactionAndEvictsNothing() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLimits(3, 10, 10));
    RecoveredTx a0 = tx(a, 0, 300);
    RecoveredTx b0 = tx(b, 0, 100);
    RecoveredTx b1 = tx(b, 1, 500);
    PoolFixture.addAll(pool, head, a0, b0, b1);

    assertThatThrownBy(() -> pool.add(tx(c, 0, 10_000), head, BASE_FEE))
        .isInstanceOf(TxRejectedException.class)
        .hasMessage("txpool is full: the pool holds 3 transactions, limit 3");
    assertThat(rejection(pool, tx(c, 1, 10_000), head)).as("gapped").isEqualTo(TxRejection.POOL_FULL);
    assertThat(rejection(pool, tx(a, 1, 10_000), head)).as("the sender's next").isEqualTo(TxRejection.POOL_FULL);

    assertThat(pool.size()).isEqualTo(3);
    assertThat(removals).as("an admitted transaction is never evicted").isEmpty();
    assertThat(pool.pendingTransactions()).containsExactlyInAnyOrder(a0, b0, b1);
    assertConsistent(pool);
  }

  @Test
  void aFullPoolStillTakesAReplacement() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLimits(2, 10, 10));
    RecoveredTx a0 = tx(a, 0, 100);
    PoolFixture.addAll(pool, head, a0, tx(b, 0, 100));

    RecoveredTx bumped = tx(a, 0, 200);
    pool.add(bumped, head, BASE_FEE);
    assertThat(pool.size()).isEqualTo(2);
    assertThat(removals).containsExactly("REPLACED " + a0.hash());
  }

  @Test
  void checkRunsEveryRuleButChangesNothing() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLimits(2, 10, 10));
    RecoveredTx a0 = tx(a, 0, 100);
    pool.check(a0, head, BASE_FEE);
    assertThat(pool.size()).isZero();
    pool.add(a0, head, BASE_FEE);
    assertThatThrownBy(() -> pool.check(a0, head, BASE_FEE)).hasMessage("already known");
    assertThatThrownBy(() -> pool.check(tx(a, 0, 105), head, BASE_FEE)).hasMessage("replacement transaction underpriced");
    pool.add(tx(b, 0), head, BASE_FEE);
    assertThatThrownBy(() -> pool.check(tx(c, 0), head, BASE_FEE)).hasMessageStartingWith("txpool is full");
    assertThat(pool.size()).isEqualTo(2);
    assertThat(removals).isEmpty();
  }

  @Test
  void restorePutsBackWhatAFullPoolOrARisenBaseFeeWouldRefuse() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLimits(1, 10, 10));
    RecoveredTx cheap = Txs.from(a).nonce(0).tip(0).feeCap(5).build();
    pool.restore(cheap, head);
    pool.restore(tx(b, 0), head);
    assertThat(pool.size()).as("committed before: restored beyond today's limits").isEqualTo(2);
    assertThatThrownBy(() -> pool.restore(cheap, head)).hasMessage("already known");
    assertThatThrownBy(() -> pool.restore(tx(c, 0), head.copy().setNonce(c, 1)))
        .hasMessage("nonce too low: next nonce 1, tx nonce 0");
    assertConsistent(pool);
  }
}
