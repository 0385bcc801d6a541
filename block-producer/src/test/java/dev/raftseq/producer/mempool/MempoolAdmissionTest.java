package dev.raftseq.producer.mempool;

import static dev.raftseq.producer.mempool.PoolFixture.BASE_FEE;
import static dev.raftseq.producer.mempool.PoolFixture.BLOCK_GAS;
import static dev.raftseq.producer.testing.Txs.addr;
import static dev.raftseq.producer.testing.Txs.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.exec.IntrinsicGas;
import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.testing.FakeState;
import dev.raftseq.producer.testing.Txs;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Every refusal, with the exact text clients see (geth's, plus geth's detail format). */
class MempoolAdmissionTest {
  private final Address a = addr(1);
  private final FakeState head = FakeState.funded(a);
  private final Mempool pool = PoolFixture.pool(PoolFixture.config());

  private AbstractThrowableAssert<?, ?> assertRejected(RecoveredTx tx, TxRejection reason) {
    return assertThatThrownBy(() -> pool.add(tx, head, BASE_FEE))
        .isInstanceOfSatisfying(TxRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void acceptsAPlainTransfer() throws Exception {
    RecoveredTx t = tx(a, 0);
    pool.add(t, head, BASE_FEE);
    assertThat(pool.contains(t.hash())).isTrue();
    assertThat(pool.get(t.hash())).isEqualTo(t);
    assertThat(pool.get(Hash.ZERO)).isNull();
  }

  @Test
  void alreadyKnown() throws Exception {
    RecoveredTx t = tx(a, 0);
    pool.add(t, head, BASE_FEE);
    assertRejected(t, TxRejection.ALREADY_KNOWN).hasMessage("already known");
  }

  @Test
  void nonceTooLowSaysTheNextNonce() {
    head.setNonce(a, 5);
    assertRejected(tx(a, 3), TxRejection.NONCE_TOO_LOW).hasMessage("nonce too low: next nonce 5, tx nonce 3");
  }

  @Test
  void insufficientFundsForOneTransaction() {
    head.setBalance(a, Wei.of(21_000_000)); // cost = 21000 * 1000 + 1
    assertRejected(tx(a, 0), TxRejection.INSUFFICIENT_FUNDS)
        .hasMessage("insufficient funds for gas * price + value: balance 21000000, tx cost 21000001, overshot 1");
  }

  @Test
  void insufficientFundsCountsTheSendersOtherPoolTransactions() throws Exception {
    head.setBalance(a, Wei.of(50_000_000));
    pool.add(tx(a, 0), head, BASE_FEE); // 21,000,001
    pool.add(tx(a, 1), head, BASE_FEE); // 42,000,002 in total
    assertRejected(tx(a, 2), TxRejection.INSUFFICIENT_FUNDS)
        .hasMessage("insufficient funds for gas * price + value: balance 50000000, queued cost 42000002,"
            + " tx cost 21000001, overshot 13000003");
  }

  @Test
  void aReplacementIsFundedAgainstTheTransactionItReplaces() throws Exception {
    head.setBalance(a, Wei.of(50_000_000));
    pool.add(tx(a, 0), head, BASE_FEE);
    pool.add(tx(a, 1), head, BASE_FEE);
    // replacing nonce 1 costs 21000 * 1100 + 1 = 23,100,001, i.e. 2,100,000 more: 44,100,002 fits
    RecoveredTx bump = Txs.from(a).nonce(1).tip(110).feeCap(1_100).build();
    pool.add(bump, head, BASE_FEE);
    assertThat(pool.contains(bump.hash())).isTrue();
    // to 1,500 wei per gas: 31,500,001 alone fits, but it adds 8,400,000 to the 44,100,002 held
    RecoveredTx tooMuch = Txs.from(a).nonce(1).tip(200).feeCap(1_500).build();
    assertRejected(tooMuch, TxRejection.INSUFFICIENT_FUNDS)
        .hasMessage("insufficient funds for gas * price + value: balance 50000000, queued cost 44100002,"
            + " tx cost 8400000, overshot 2500002");
  }

  @Test
  void anUnknownSenderHasNoFunds() {
    Address stranger = addr(77);
    assertRejected(tx(stranger, 0), TxRejection.INSUFFICIENT_FUNDS)
        .hasMessageStartingWith("insufficient funds for gas * price + value: balance 0,");
  }

  @Test
  void underpricedTipAndFeeCap() {
    Mempool strict =
        PoolFixture.pool(PoolFixture.config().withMinimumPrices(Wei.of(50), Wei.of(500)));
    assertThatThrownBy(() -> strict.add(Txs.from(a).tip(49).build(), head, BASE_FEE))
        .isInstanceOf(TxRejectedException.class)
        .hasMessage("transaction underpriced: gas tip cap 49, minimum needed 50");
    assertThatThrownBy(() -> strict.add(Txs.from(a).tip(50).feeCap(499).build(), head, BASE_FEE))
        .isInstanceOf(TxRejectedException.class)
        .hasMessage("transaction underpriced: gas fee cap 499, minimum needed 500");
  }

  @Test
  void aZeroTipIsAcceptedByDefault() throws Exception {
    RecoveredTx t = Txs.from(a).tip(0).build();
    pool.add(t, head, BASE_FEE);
    assertThat(pool.contains(t.hash())).isTrue();
  }

  @Test
  void feeCapBelowTheBaseFee() {
    RecoveredTx t = Txs.from(a).tip(5).feeCap(9).build();
    assertRejected(t, TxRejection.FEE_CAP_BELOW_BASE_FEE)
        .hasMessage("max fee per gas less than block base fee: address " + a + ", maxFeePerGas: 9, baseFee: 10");
  }

  @Test
  void exceedsBlockGasLimit() {
    assertRejected(Txs.from(a).gas(BLOCK_GAS + 1).build(), TxRejection.GAS_LIMIT).hasMessage("exceeds block gas limit");
  }

  @Test
  void intrinsicGasTooLow() {
    assertRejected(Txs.from(a).gas(20_999).build(), TxRejection.INTRINSIC_GAS)
        .hasMessage("intrinsic gas too low: gas 20999, minimum needed 21000");
  }

  @Test
  void intrinsicGasCountsCalldataAndAccessList() throws Exception {
    // 21000 + 2 zero bytes * 4 + 2 non-zero * 16 + one address 2400 + one key 1900 = 25340
    byte[] data = {0, 1, 0, 2};
    List<AccessTuple> access = List.of(new AccessTuple(addr(9), List.of(Hash.ZERO)));
    assertRejected(Txs.from(a).data(data).accessList(access).gas(25_339).build(), TxRejection.INTRINSIC_GAS)
        .hasMessage("intrinsic gas too low: gas 25339, minimum needed 25340");
    pool.add(Txs.from(a).data(data).accessList(access).gas(25_340).build(), head, BASE_FEE);
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void invalidChainId() {
    assertRejected(Txs.from(a).chainId(1L).build(), TxRejection.INVALID_CHAIN_ID)
        .hasMessage("invalid chain id: have 1, want 1337");
    assertRejected(Txs.from(a).type(TxType.LEGACY).chainId(null).gasPrice(100).build(), TxRejection.INVALID_CHAIN_ID)
        .hasMessage("invalid chain id: replay-protected (EIP-155) transactions only");
  }

  @Test
  void tipAboveFeeCap() {
    assertRejected(Txs.from(a).tip(101).feeCap(100).build(), TxRejection.TIP_ABOVE_FEE_CAP)
        .hasMessage("max priority fee per gas higher than max fee per gas");
  }

  @Test
  void contractCreationsCallsToCodeAndToPrecompilesAreAdmitted() throws Exception {
    Address contract = addr(50);
    head.setCode(contract, new byte[] {0x60, 0x00});
    Address ecrecover = Address.fromHex("0x0000000000000000000000000000000000000001");
    pool.add(Txs.from(a).to(null).data(new byte[] {0x60, 0x00}).gas(100_000).build(), head, BASE_FEE);
    pool.add(Txs.from(a).nonce(1).to(contract).gas(100_000).build(), head, BASE_FEE);
    pool.add(Txs.from(a).nonce(2).to(ecrecover).gas(100_000).build(), head, BASE_FEE);
    assertThat(pool.size()).isEqualTo(3);
  }

  @Test
  void initCodeAboveTheEip3860LimitIsRefusedWithGethsText() {
    byte[] initCode = new byte[IntrinsicGas.MAX_INITCODE_SIZE + 1];
    assertRejected(Txs.from(a).to(null).data(initCode).gas(BLOCK_GAS).build(), TxRejection.INIT_CODE_TOO_LARGE)
        .hasMessageStartingWith("max initcode size exceeded");
  }

  @Test
  void oversizedData() {
    byte[] data = new byte[TransactionCodec.MAX_TX_BYTES];
    RecoveredTx t = Txs.from(a).data(data).gas(BLOCK_GAS).build();
    assertRejected(t, TxRejection.OVERSIZED)
        .hasMessage("oversized data: transaction size " + t.unsafeEncoded().length + ", limit " + TransactionCodec.MAX_TX_BYTES);
  }

  @Test
  void nonceHasMaxValue() {
    assertRejected(tx(a, Long.MAX_VALUE), TxRejection.NONCE_MAX).hasMessage("nonce has max value");
    assertRejected(tx(a, -1), TxRejection.NONCE_MAX).hasMessage("nonce has max value");
  }

  @Test
  void aRefusedTransactionLeavesThePoolUnchanged() throws Exception {
    pool.add(tx(a, 0), head, BASE_FEE);
    assertRejected(Txs.from(a).nonce(1).gas(1).build(), TxRejection.INTRINSIC_GAS);
    assertThat(pool.size()).isEqualTo(1);
    PoolFixture.assertConsistent(pool);
  }
}
