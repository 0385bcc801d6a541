package dev.raftseq.producer.mempool;

import static dev.raftseq.producer.mempool.PoolFixture.BASE_FEE;
import static dev.raftseq.producer.mempool.PoolFixture.addAll;
import static dev.raftseq.producer.mempool.PoolFixture.assertConsistent;
import static dev.raftseq.producer.mempool.PoolFixture.drain;
import static dev.raftseq.producer.testing.Txs.addr;
import static dev.raftseq.producer.testing.Txs.tx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.testing.FakeState;
import dev.raftseq.producer.testing.Txs;
import org.junit.jupiter.api.Test;

class MempoolOrderingTest {
  private final Address a = addr(1);
  private final Address b = addr(2);
  private final Address c = addr(3);
  private final FakeState head = FakeState.funded(a, b, c);
  private final Mempool pool = PoolFixture.pool(PoolFixture.config());

  @Test
  void oneSenderIsOfferedInNonceOrderWhateverTheArrivalOrder() throws Exception {
    RecoveredTx n0 = tx(a, 0);
    RecoveredTx n1 = tx(a, 1);
    RecoveredTx n2 = tx(a, 2);
    addAll(pool, head, n2, n0, n1);

    assertThat(drain(pool.candidates(BASE_FEE))).containsExactly(n0, n1, n2);
    assertConsistent(pool);
  }

  @Test
  void sendersInterleaveByTheTipOfTheirNextTransaction() throws Exception {
    // geth's price-and-nonce order: after a sender's best goes, its next competes on its own tip
    RecoveredTx a0 = tx(a, 0, 100);
    RecoveredTx a1 = tx(a, 1, 500);
    RecoveredTx b0 = tx(b, 0, 300);
    RecoveredTx b1 = tx(b, 1, 50);
    RecoveredTx c0 = tx(c, 0, 200);
    RecoveredTx c1 = tx(c, 1, 150);
    addAll(pool, head, a0, a1, b0, b1, c0, c1);

    assertThat(drain(pool.candidates(BASE_FEE))).containsExactly(b0, c0, c1, a0, a1, b1);
  }

  @Test
  void equalTipsGoInArrivalOrder() throws Exception {
    RecoveredTx c0 = tx(c, 0, 100);
    RecoveredTx a0 = tx(a, 0, 100);
    RecoveredTx b0 = tx(b, 0, 100);
    addAll(pool, head, c0, a0, b0);

    assertThat(drain(pool.candidates(BASE_FEE))).containsExactly(c0, a0, b0);
  }

  @Test
  void priorityIsTheEffectiveTipAtTheBaseFee() throws Exception {
    // a: tip 100 but only 60 of headroom above a base fee of 50; b: tip 80 fully paid
    RecoveredTx a0 = Txs.from(a).nonce(0).tip(100).feeCap(110).build();
    RecoveredTx b0 = Txs.from(b).nonce(0).tip(80).feeCap(1_000).build();
    addAll(pool, head, a0, b0);

    assertThat(drain(pool.candidates(Wei.of(50)))).containsExactly(b0, a0);
    assertThat(drain(pool.candidates(Wei.of(0)))).containsExactly(a0, b0);
  }

  @Test
  void legacyTransactionsPayTheirGasPriceAboveTheBaseFee() throws Exception {
    RecoveredTx legacy = Txs.from(a).type(TxType.LEGACY).gasPrice(300).build();
    RecoveredTx dynamic = Txs.from(b).tip(200).feeCap(1_000).build();
    addAll(pool, head, legacy, dynamic);

    // effective tips at base fee 150: legacy 300 - 150 = 150, dynamic min(200, 850) = 200
    assertThat(drain(pool.candidates(Wei.of(150)))).containsExactly(dynamic, legacy);
  }

  @Test
  void aSenderRunStopsAtTheFirstTransactionThatCannotPayTheBaseFee() throws Exception {
    RecoveredTx a0 = Txs.from(a).nonce(0).feeCap(1_000).build();
    RecoveredTx a1 = Txs.from(a).nonce(1).tip(10).feeCap(20).build();
    RecoveredTx a2 = Txs.from(a).nonce(2).feeCap(1_000).build();
    addAll(pool, head, a0, a1, a2);

    assertThat(drain(pool.candidates(Wei.of(15)))).containsExactly(a0, a1, a2);
    assertThat(drain(pool.candidates(Wei.of(30)))).containsExactly(a0);
  }

  @Test
  void skipSenderDropsTheRestOfThatSenderOnly() throws Exception {
    RecoveredTx a0 = tx(a, 0, 300);
    RecoveredTx a1 = tx(a, 1, 300);
    RecoveredTx b0 = tx(b, 0, 200);
    RecoveredTx b1 = tx(b, 1, 200);
    addAll(pool, head, a0, a1, b0, b1);

    TxCandidates candidates = pool.candidates(BASE_FEE);
    assertThat(candidates.next()).isEqualTo(a0);
    candidates.skipSender(a);
    assertThat(drain(candidates)).containsExactly(b0, b1);
  }

  @Test
  void skippingAnotherSenderBeforeItsTurnRemovesItToo() throws Exception {
    RecoveredTx a0 = tx(a, 0, 300);
    RecoveredTx b0 = tx(b, 0, 200);
    RecoveredTx c0 = tx(c, 0, 100);
    addAll(pool, head, a0, b0, c0);

    TxCandidates candidates = pool.candidates(BASE_FEE);
    candidates.skipSender(b);
    assertThat(drain(candidates)).containsExactly(a0, c0);
  }

  @Test
  void candidatesAreASnapshotUnaffectedByLaterChanges() throws Exception {
    RecoveredTx a0 = tx(a, 0, 300);
    RecoveredTx a1 = tx(a, 1, 300);
    addAll(pool, head, a0, a1);
    TxCandidates candidates = pool.candidates(BASE_FEE);

    RecoveredTx b0 = tx(b, 0, 900);
    addAll(pool, head, b0);
    pool.drop(a1.hash(), head);

    assertThat(drain(candidates)).containsExactly(a0, a1);
    assertThat(drain(pool.candidates(BASE_FEE))).containsExactly(b0, a0);
  }

  @Test
  void queuedTransactionsAreNotCandidates() throws Exception {
    RecoveredTx a0 = tx(a, 0);
    RecoveredTx a2 = tx(a, 2);
    addAll(pool, head, a0, a2);

    assertThat(drain(pool.candidates(BASE_FEE))).containsExactly(a0);
    assertThat(pool.pendingTransactions()).containsExactly(a0);
    assertThat(pool.queuedTransactions()).containsExactly(a2);
  }

  @Test
  void anEmptyPoolOffersNothing() {
    assertThat(pool.candidates(BASE_FEE).next()).isNull();
  }
}
