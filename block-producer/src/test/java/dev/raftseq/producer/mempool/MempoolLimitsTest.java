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
import dev.raftseq.producer.testing.ManualClock;
import dev.raftseq.producer.testing.Txs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replacement, per-sender and total limits with eviction, and expiry. */
class MempoolLimitsTest {
  private final Address a = addr(1);
  private final Address b = addr(2);
  private final Address c = addr(3);
  private final FakeState head = FakeState.funded(a, b, c);
  private final ManualClock clock = new ManualClock(1_000_000);
  private final List<String> removals = new ArrayList<>();

  private Mempool pool(MempoolConfig config) {
    return new Mempool(config, clock, (t, why) -> removals.add(why + " " + t.hash()));
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
  void aFullPoolEvictsTheCheapestForABetterPayingTransaction() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLimits(3, 10, 10));
    RecoveredTx a0 = tx(a, 0, 300);
    RecoveredTx b0 = tx(b, 0, 100);
    RecoveredTx b1 = tx(b, 1, 500);
    PoolFixture.addAll(pool, head, a0, b0, b1);

    RecoveredTx c0 = tx(c, 0, 200);
    pool.add(c0, head, BASE_FEE);

    assertThat(pool.size()).isEqualTo(3);
    assertThat(pool.contains(b0.hash())).isFalse();
    assertThat(removals).containsExactly("EVICTED " + b0.hash());
    // b's later transaction lost its predecessor: it waits behind the gap
    assertThat(pool.queuedTransactions()).containsExactly(b1);
    assertThat(pool.pendingTransactions()).containsExactlyInAnyOrder(a0, c0);
    assertConsistent(pool);
  }

  @Test
  void aFullPoolRefusesATransactionNoBetterThanTheCheapest() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLimits(2, 10, 10));
    PoolFixture.addAll(pool, head, tx(a, 0, 300), tx(b, 0, 100));

    assertThatThrownBy(() -> pool.add(tx(c, 0, 100), head, BASE_FEE))
        .isInstanceOf(TxRejectedException.class)
        .hasMessage("transaction underpriced");
    assertThat(rejection(pool, tx(c, 0, 50), head)).isEqualTo(TxRejection.UNDERPRICED);
    assertThat(pool.size()).isEqualTo(2);
    assertThat(removals).isEmpty();
  }

  @Test
  void aFullPoolDoesNotChurnForAGappedTransaction() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLimits(2, 10, 10));
    PoolFixture.addAll(pool, head, tx(a, 0, 100), tx(b, 0, 100));

    assertThatThrownBy(() -> pool.add(tx(c, 1, 1_000), head, BASE_FEE))
        .isInstanceOf(TxRejectedException.class)
        .hasMessage("txpool is full");
  }

  @Test
  void aFullPoolDoesNotEvictTheSendersOwnEarlierTransaction() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLimits(2, 10, 10));
    PoolFixture.addAll(pool, head, tx(a, 0, 100), tx(b, 0, 500));

    assertThat(rejection(pool, tx(a, 1, 1_000), head)).isEqualTo(TxRejection.POOL_FULL);
    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void expiryDropsTransactionsOlderThanTheLifetime() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLifetime(Duration.ofMinutes(10)));
    RecoveredTx early = tx(a, 0);
    pool.add(early, head, BASE_FEE, 0);
    RecoveredTx later = tx(b, 0);
    pool.add(later, head, BASE_FEE, 60_000);

    assertThat(pool.evictExpired(599_999)).isZero();
    assertThat(pool.size()).isEqualTo(2);
    assertThat(pool.evictExpired(600_000)).isEqualTo(1);
    assertThat(pool.contains(early.hash())).isFalse();
    assertThat(pool.contains(later.hash())).isTrue();
    assertThat(removals).containsExactly("EXPIRED " + early.hash());
    assertThat(pool.evictExpired(660_000)).isEqualTo(1);
    assertThat(pool.size()).isZero();
    assertConsistent(pool);
  }

  @Test
  void expiryOfAnEarlierNonceLeavesLaterOnesQueued() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLifetime(Duration.ofSeconds(10)));
    pool.add(tx(a, 0), head, BASE_FEE, 0);
    RecoveredTx a1 = tx(a, 1);
    pool.add(a1, head, BASE_FEE, 5_000);

    pool.evictExpired(10_000);

    assertThat(pool.queuedTransactions()).containsExactly(a1);
    assertConsistent(pool);
  }

  @Test
  void aReplacementRestartsTheLifetime() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLifetime(Duration.ofSeconds(10)));
    pool.add(tx(a, 0, 100), head, BASE_FEE, 0);
    RecoveredTx bumped = tx(a, 0, 200);
    pool.add(bumped, head, BASE_FEE, 8_000);

    assertThat(pool.evictExpired(12_000)).isZero();
    assertThat(pool.evictExpired(18_000)).isEqualTo(1);
  }

  @Test
  void arrivalsNeverGoBackInTimeSoExpiryStaysInOrder() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLifetime(Duration.ofSeconds(10)));
    pool.add(tx(a, 0), head, BASE_FEE, 50_000);
    pool.add(tx(b, 0), head, BASE_FEE, 1_000); // the clock went back: stamped 50,000

    assertThat(pool.evictExpired(59_999)).isZero();
    assertThat(pool.evictExpired(60_000)).isEqualTo(2);
  }

  @Test
  void theInjectedClockStampsArrivals() throws Exception {
    Mempool pool = pool(PoolFixture.config().withLifetime(Duration.ofSeconds(10)));
    pool.add(tx(a, 0), head, BASE_FEE);
    clock.advance(10_000);
    assertThat(pool.evictExpired(clock.millis())).isEqualTo(1);
  }
}
