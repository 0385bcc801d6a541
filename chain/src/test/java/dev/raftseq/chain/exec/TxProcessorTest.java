package dev.raftseq.chain.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.genesis.DevKeys;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TxProcessorTest {
  static final Wei ETH = Wei.of(BigInteger.TEN.pow(18));
  static final Wei GWEI = TxSpec.GWEI;
  static final Wei BASE_FEE = Wei.of(500_000_000L); // 0.5 gwei
  static final Address COINBASE = Address.fromHex("0xc0ffee0000000000000000000000000000000001");
  static final Address CONTRACT = Address.fromHex("0x00000000000000000000000000000000c0de0001");
  static final long BLOCK_GAS = 30_000_000L;

  final MapStateRoots roots = new MapStateRoots();
  final TxProcessor processor = new TxProcessor();
  final BlockContext block =
      new BlockContext(TxSpec.CHAIN_ID, 1, Hash.ZERO, 1_000_000L, COINBASE, BLOCK_GAS, BASE_FEE);
  StateOverlay state;
  Address alice;
  Address bob;

  @BeforeEach
  void setUp() {
    alice = DevKeys.address(0);
    bob = DevKeys.address(9);
    Account code = new Account(1, Wei.ZERO, Hash.EMPTY_TRIE, Keccak.hash(new byte[] {0x60, 0x00}));
    state =
        new StateOverlay(
            roots.stateOf(
                Map.of(
                    alice, Account.EMPTY.withBalance(ETH.multiply(100)),
                    bob, Account.EMPTY.withBalance(ETH),
                    CONTRACT, code)));
  }

  private TxResult apply(TxSpec spec) {
    return processor.apply(spec.sign(), state, block, BLOCK_GAS);
  }

  private static Wei gwei(double g) {
    return Wei.of(BigInteger.valueOf(Math.round(g * 1e9)));
  }

  @Test
  void transferMovesValueChargesEffectivePriceTipsCoinbaseAndBurnsBaseFee() {
    // cap 2 gwei, tip 1 gwei, base 0.5 gwei: the effective price is 1.5 gwei
    TxResult r = apply(TxSpec.from(0).value(ETH));
    assertThat(r).isEqualTo(new TxResult.Applied(21_000));
    assertThat(state.account(alice).nonce()).isEqualTo(1);
    assertThat(state.account(alice).balance()).isEqualTo(ETH.multiply(99).subtract(gwei(1.5).multiply(21_000)));
    assertThat(state.account(bob).balance()).isEqualTo(ETH.multiply(2));
    assertThat(state.account(COINBASE).balance()).isEqualTo(GWEI.multiply(21_000));
    Wei before = ETH.multiply(101);
    Wei after = state.account(alice).balance().add(state.account(bob).balance()).add(state.account(COINBASE).balance());
    assertThat(before.subtract(after)).as("burned").isEqualTo(BASE_FEE.multiply(21_000));
  }

  @Test
  void tipIsLimitedByTheFeeCap() {
    apply(TxSpec.from(0).fees(gwei(1), gwei(1))); // price min(1, 0.5 + 1) = 1 gwei
    assertThat(state.account(COINBASE).balance()).isEqualTo(gwei(0.5).multiply(21_000));
    assertThat(state.account(alice).balance()).isEqualTo(ETH.multiply(100).subtract(GWEI.multiply(21_000)).subtract(Wei.of(1)));
  }

  @Test
  void legacyTransactionPaysItsGasPrice() {
    apply(TxSpec.from(0).legacy(gwei(3)).value(Wei.ZERO));
    assertThat(state.account(alice).balance()).isEqualTo(ETH.multiply(100).subtract(gwei(3).multiply(21_000)));
    assertThat(state.account(COINBASE).balance()).isEqualTo(gwei(2.5).multiply(21_000));
  }

  @Test
  void dataToAnEoaIsAllowedAndCostsCalldataGas() {
    // 21000 + 4 per zero byte + 16 per non-zero byte
    TxResult r = apply(TxSpec.from(0).gasLimit(30_000).data(new byte[] {0, 1, 2, 0}));
    assertThat(r).isEqualTo(new TxResult.Applied(21_000 + 2 * 4 + 2 * 16));
    assertThat(state.account(alice).balance())
        .isEqualTo(ETH.multiply(100).subtract(gwei(1.5).multiply(21_040)).subtract(Wei.of(1)));
  }

  @Test
  void transferCreatesTheRecipientButAZeroValueTransferDoesNot() {
    Address fresh = Address.fromHex("0x00000000000000000000000000000000000f4e51");
    Address fresh2 = Address.fromHex("0x00000000000000000000000000000000000f4e52");
    apply(TxSpec.from(0).to(fresh).value(Wei.of(7)));
    apply(TxSpec.from(0).nonce(1).to(fresh2).value(Wei.ZERO));
    assertThat(state.account(fresh)).isEqualTo(Account.EMPTY.withBalance(Wei.of(7)));
    assertThat(state.account(fresh2)).isNull();
    assertThat(state.diff().accounts()).containsOnlyKeys(alice, fresh, COINBASE);
  }

  @Test
  void selfTransferOnlyCostsGas() {
    apply(TxSpec.from(0).to(alice).value(ETH));
    assertThat(state.account(alice).balance()).isEqualTo(ETH.multiply(100).subtract(gwei(1.5).multiply(21_000)));
    assertThat(state.account(alice).nonce()).isEqualTo(1);
  }

  @Test
  void coinbaseAsSenderGetsItsTipBack() {
    BlockContext aliceMines = new BlockContext(TxSpec.CHAIN_ID, 1, Hash.ZERO, 0, alice, BLOCK_GAS, BASE_FEE);
    processor.apply(TxSpec.from(0).sign(), state, aliceMines, BLOCK_GAS);
    assertThat(state.account(alice).balance())
        .isEqualTo(ETH.multiply(100).subtract(BASE_FEE.multiply(21_000)).subtract(Wei.of(1)));
  }

  @Test
  void consecutiveNoncesApply() {
    for (int n = 0; n < 5; n++) {
      assertThat(apply(TxSpec.from(0).nonce(n))).isInstanceOf(TxResult.Applied.class);
    }
    assertThat(state.account(alice).nonce()).isEqualTo(5);
  }

  @Test
  void nonceTooLow() {
    apply(TxSpec.from(0));
    assertRejected(TxSpec.from(0).nonce(0), TxRejection.NONCE_TOO_LOW, "address " + alice + ", tx: 0 state: 1");
  }

  @Test
  void nonceTooHigh() {
    assertRejected(TxSpec.from(0).nonce(1), TxRejection.NONCE_TOO_HIGH, "address " + alice + ", tx: 1 state: 0");
  }

  @Test
  void accountAtTheLargestNonceCannotSendAgain() {
    Address sender = DevKeys.address(3);
    state = new StateOverlay(roots.stateOf(Map.of(sender, new Account(Long.MAX_VALUE, ETH, Hash.EMPTY_TRIE, Hash.EMPTY_CODE))));
    assertRejected(
        TxSpec.from(3).nonce(Long.MAX_VALUE), TxRejection.NONCE_MAX, "address " + sender + ", nonce: " + Long.MAX_VALUE);
  }

  @Test
  void insufficientFundsCountsTheFullFeeCapNotTheEffectivePrice() {
    // bob has 1 ETH; 21000 * 2 gwei cap = 42000 gwei must be covered besides the value
    Wei cover = GWEI.multiply(2).multiply(21_000);
    assertRejected(
        TxSpec.from(9).to(alice).value(ETH.subtract(cover).add(Wei.of(1))),
        TxRejection.INSUFFICIENT_FUNDS,
        "address " + bob + " have " + ETH + " want " + ETH.add(Wei.of(1)));
    assertThat(apply(TxSpec.from(9).to(alice).value(ETH.subtract(cover)))).isEqualTo(new TxResult.Applied(21_000));
  }

  @Test
  void unknownSenderHasNoFunds() {
    assertRejected(TxSpec.from(5), TxRejection.INSUFFICIENT_FUNDS, "address " + DevKeys.address(5) + " have 0 want 42000000000001");
  }

  @Test
  void intrinsicGasTooLow() {
    assertRejected(TxSpec.from(0).gasLimit(20_999), TxRejection.INTRINSIC_GAS, "have 20999, want 21000");
    assertRejected(TxSpec.from(0).data(new byte[] {1}), TxRejection.INTRINSIC_GAS, "have 21000, want 21016");
  }

  @Test
  void feeCapBelowBaseFee() {
    assertRejected(
        TxSpec.from(0).fees(gwei(0.4), gwei(0.1)),
        TxRejection.FEE_CAP_BELOW_BASE_FEE,
        "address " + alice + ", maxFeePerGas: 400000000, baseFee: 500000000");
    assertRejected(TxSpec.from(0).legacy(gwei(0.4)), TxRejection.FEE_CAP_BELOW_BASE_FEE, null);
  }

  @Test
  void tipAboveFeeCap() {
    assertRejected(
        TxSpec.from(0).fees(gwei(1), gwei(2)),
        TxRejection.TIP_ABOVE_FEE_CAP,
        "address " + alice + ", maxPriorityFeePerGas: 2000000000, maxFeePerGas: 1000000000");
  }

  @Test
  void wrongChainId() {
    assertRejected(TxSpec.from(0).chainId(31337), TxRejection.INVALID_CHAIN_ID, "have 31337, want 270");
  }

  @Test
  void unprotectedLegacyTransactionsAreRefusedUnlessAskedFor() {
    RecoveredTx tx = TxSpec.from(0).unprotected().sign();
    assertThat(tx.tx().chainId()).isNull();
    assertRejected(TxSpec.from(0).unprotected(), TxRejection.INVALID_CHAIN_ID, "have null, want 270");
    assertThat(new TxProcessor(true).apply(tx, state, block, BLOCK_GAS)).isEqualTo(new TxResult.Applied(21_000));
  }

  @Test
  void contractCreationIsUnsupported() {
    assertRejected(TxSpec.from(0).to(null).gasLimit(100_000), TxRejection.UNSUPPORTED, "contract creation from " + alice);
  }

  @Test
  void callToContractCodeIsUnsupported() {
    assertRejected(TxSpec.from(0).to(CONTRACT), TxRejection.UNSUPPORTED, "call to contract code at " + CONTRACT);
  }

  @Test
  void callToPrecompileIsUnsupportedBecauseItWouldRunCode() {
    Address ecrecover = Address.fromHex("0x0000000000000000000000000000000000000001");
    Address pointEvaluation = Address.fromHex("0x000000000000000000000000000000000000000a");
    Address justAfter = Address.fromHex("0x000000000000000000000000000000000000000b");
    assertRejected(TxSpec.from(0).to(ecrecover), TxRejection.UNSUPPORTED, null);
    assertRejected(TxSpec.from(0).to(pointEvaluation), TxRejection.UNSUPPORTED, null);
    assertThat(apply(TxSpec.from(0).to(justAfter))).isInstanceOf(TxResult.Applied.class);
    assertThat(apply(TxSpec.from(0).nonce(1).to(Address.ZERO))).isInstanceOf(TxResult.Applied.class);
  }

  @Test
  void senderWithCodeIsRejected() {
    Address sender = DevKeys.address(3);
    Account withCode = new Account(0, ETH, Hash.EMPTY_TRIE, Keccak.hash(new byte[] {0x00}));
    state = new StateOverlay(roots.stateOf(Map.of(sender, withCode)));
    assertRejected(TxSpec.from(3), TxRejection.SENDER_NOT_EOA, null);
  }

  @Test
  void gasLimitAboveTheBlockGasLeftMayRetryLater() {
    TxResult r = processor.apply(TxSpec.from(0).gasLimit(50_000).sign(), state, block, 49_999);
    assertThat(r).isEqualTo(new TxResult.Invalid(TxRejection.GAS_LIMIT, "tx gas limit 50000, block gas left 49999", true));
    assertThat(state.diff()).isEqualTo(StateDiff.EMPTY);
  }

  @Test
  void gasLimitAboveTheBlockGasLimitNeverFits() {
    TxResult r = apply(TxSpec.from(0).gasLimit(BLOCK_GAS + 1));
    assertThat(r).isEqualTo(new TxResult.Invalid(TxRejection.GAS_LIMIT, "tx gas limit 30000001, block gas limit 30000000", false));
  }

  private void assertRejected(TxSpec spec, TxRejection reason, String detail) {
    RecoveredTx tx = spec.sign();
    StateDiff before = state.diff();
    TxResult r = processor.apply(tx, state, block, BLOCK_GAS);
    assertThat(r).isInstanceOf(TxResult.Invalid.class);
    TxResult.Invalid invalid = (TxResult.Invalid) r;
    assertThat(invalid.reason()).isEqualTo(reason);
    assertThat(invalid.retryLater()).isFalse();
    if (detail != null) {
      assertThat(invalid.detail()).isEqualTo(detail);
    }
    assertThat(state.diff()).as("state unchanged").isEqualTo(before);
  }
}
