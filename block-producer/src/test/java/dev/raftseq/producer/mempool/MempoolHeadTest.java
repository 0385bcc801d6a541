package dev.raftseq.producer.mempool;

import static dev.raftseq.producer.mempool.PoolFixture.BASE_FEE;
import static dev.raftseq.producer.mempool.PoolFixture.addAll;
import static dev.raftseq.producer.mempool.PoolFixture.assertConsistent;
import static dev.raftseq.producer.mempool.PoolFixture.drain;
import static dev.raftseq.producer.testing.Txs.addr;
import static dev.raftseq.producer.testing.Txs.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.producer.testing.Blocks;
import dev.raftseq.producer.testing.FakeState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pending and queued, promotion, and what applied blocks do to the pool. */
class MempoolHeadTest {
  private final Address a = addr(1);
  private final Address b = addr(2);
  private final FakeState head = FakeState.funded(a, b);
  private final List<String> removals = new ArrayList<>();
  private final Mempool pool =
      new Mempool(PoolFixture.config(), (t, why) -> removals.add(why + " " + t.tx().nonce()));

  @Test
  void aGapQueuesAndFillingItPromotes() throws Exception {
    addAll(pool, head, tx(a, 0), tx(a, 2), tx(a, 3), tx(a, 5));
    assertThat(pool.pendingCount()).isEqualTo(1);
    assertThat(pool.queuedCount()).isEqualTo(3);
    assertThat(pool.pendingGas()).isEqualTo(21_000);

    pool.add(tx(a, 1), head, BASE_FEE);

    assertThat(pool.pendingCount()).isEqualTo(4);
    assertThat(pool.queuedCount()).isEqualTo(1);
    assertThat(pool.pendingGas()).isEqualTo(4 * 21_000);
    assertThat(pool.pendingNonce(a, head)).isEqualTo(4);
    assertConsistent(pool);
  }

  @Test
  void transactionsStartingAboveTheAccountNonceAreQueued() throws Exception {
    head.setNonce(a, 3);
    addAll(pool, head, tx(a, 4), tx(a, 5));
    assertThat(pool.pendingCount()).isZero();
    assertThat(pool.queuedCount()).isEqualTo(2);
    assertThat(pool.pendingNonce(a, head)).isEqualTo(3);

    pool.add(tx(a, 3), head, BASE_FEE);
    assertThat(pool.pendingCount()).isEqualTo(3);
    assertThat(pool.pendingNonce(a, head)).isEqualTo(6);
  }

  @Test
  void pendingNonceOfAnUnknownSenderIsItsAccountNonce() {
    head.setNonce(b, 9);
    assertThat(pool.pendingNonce(b, head)).isEqualTo(9);
    assertThat(pool.pendingNonce(addr(99), head)).isZero();
  }

  @Test
  void anAppliedBlockRemovesItsTransactionsAndKeepsTheRest() throws Exception {
    RecoveredTx a0 = tx(a, 0);
    RecoveredTx a1 = tx(a, 1);
    RecoveredTx a2 = tx(a, 2);
    RecoveredTx b0 = tx(b, 0);
    addAll(pool, head, a0, a1, a2, b0);

    FakeState after = head.copy().setNonce(a, 2);
    pool.onBlockApplied(Blocks.withTxs(1, List.of(a0, a1)), after);

    assertThat(pool.contains(a0.hash())).isFalse();
    assertThat(pool.contains(a1.hash())).isFalse();
    assertThat(drain(pool.candidates(BASE_FEE))).containsExactlyInAnyOrder(a2, b0);
    assertThat(pool.pendingNonce(a, after)).isEqualTo(3);
    assertThat(removals).containsExactly("INCLUDED 0", "INCLUDED 1");
    assertConsistent(pool);
  }

  @Test
  void aBlockThatUsedANonceOtherwiseDropsOursAndPromotesWhatFollows() throws Exception {
    // the pool holds 0 and 2; another node's block used nonces 0 and 1 with other transactions
    RecoveredTx ours0 = tx(a, 0, 100);
    RecoveredTx a2 = tx(a, 2);
    addAll(pool, head, ours0, a2);
    assertThat(pool.queuedCount()).isEqualTo(1);

    List<RecoveredTx> theirs = List.of(tx(a, 0, 777), tx(a, 1, 777));
    pool.onBlockApplied(Blocks.withTxs(1, theirs), head.copy().setNonce(a, 2));

    assertThat(pool.contains(ours0.hash())).isFalse();
    assertThat(pool.pendingTransactions()).containsExactly(a2);
    assertThat(pool.queuedCount()).isZero();
    assertThat(removals).containsExactly("NONCE_USED 0");
    assertConsistent(pool);
  }

  @Test
  void aBlockRemovesItsTransactionsEvenIfTheStateDoesNotShowIt() throws Exception {
    RecoveredTx a0 = tx(a, 0);
    RecoveredTx a1 = tx(a, 1);
    addAll(pool, head, a0, a1);

    pool.onBlockApplied(Blocks.withTxs(1, List.of(a0)), head);

    assertThat(pool.contains(a0.hash())).isFalse();
    assertThat(pool.queuedTransactions()).containsExactly(a1);
    assertConsistent(pool);
  }

  @Test
  void addingAgainstANewerHeadCatchesTheSenderUp() throws Exception {
    RecoveredTx a0 = tx(a, 0);
    RecoveredTx a1 = tx(a, 1);
    addAll(pool, head, a0, a1);

    FakeState newer = head.copy().setNonce(a, 1);
    pool.add(tx(a, 2), newer, BASE_FEE);

    assertThat(pool.contains(a0.hash())).isFalse();
    assertThat(pool.pendingCount()).isEqualTo(2);
    assertConsistent(pool);
  }

  @Test
  void aCallerWithAnOlderHeadCannotReuseANonceThePoolSawUsed() throws Exception {
    RecoveredTx a1 = tx(a, 1);
    addAll(pool, head, tx(a, 0), a1);
    pool.onBlockApplied(Blocks.withTxs(1, List.of(tx(a, 0))), head.copy().setNonce(a, 1));

    // an RPC thread still holding the head before that block offers nonce 0 again
    assertThatThrownBy(() -> pool.add(tx(a, 0, 999), head, BASE_FEE))
        .isInstanceOf(TxRejectedException.class)
        .hasMessage("nonce too low: next nonce 1, tx nonce 0");
    assertThat(pool.pendingNonce(a, head)).isEqualTo(2);
    assertThat(pool.pendingTransactions()).containsExactly(a1);
  }

  @Test
  void headResetCatchesEverySenderUp() throws Exception {
    addAll(pool, head, tx(a, 0), tx(a, 1), tx(b, 0), tx(b, 2));
    FakeState jumped = head.copy().setNonce(a, 2).setNonce(b, 2);

    pool.onHeadReset(jumped);

    assertThat(pool.size()).isEqualTo(1);
    assertThat(pool.pendingCount()).isEqualTo(1);
    assertConsistent(pool);
  }

  @Test
  void aDropRemovesTheTransactionAndQueuesItsSendersLaterOnes() throws Exception {
    RecoveredTx a0 = tx(a, 0);
    RecoveredTx a1 = tx(a, 1);
    addAll(pool, head, a0, a1);

    assertThat(pool.drop(a0.hash(), head)).isTrue();
    assertThat(pool.drop(a0.hash(), head)).as("a second drop of the same hash").isFalse();

    assertThat(pool.queuedTransactions()).containsExactly(a1);
    assertThat(pool.pendingNonce(a, head)).isZero();
    assertThat(removals).containsExactly("DROPPED 0");
    assertConsistent(pool);
  }
}
