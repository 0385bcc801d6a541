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
    byte[] push0 = {0x60, 0x00};
    Account code = new Account(1, Wei.ZERO, Hash.EMPTY_TRIE, Keccak.hash(push0));
    state =
        new StateOverlay(
            roots.stateOf(
                Map.of(
                    alice, Account.EMPTY.withBalance(ETH.multiply(100)),
                    bob, Account.EMPTY.withBalance(ETH),
                    CONTRACT, code),
                Map.of(Keccak.hash(push0), push0)));
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
  void contractCreationRunsTheInitcodeAndDeploysWhatItReturns() {
    // initcode: MSTORE8(0, 0xff); RETURN(0, 1) -> runtime code 0xff
    byte[] initcode = {0x60, (byte) 0xff, 0x60, 0x00, 0x53, 0x60, 0x01, 0x60, 0x00, (byte) 0xf3};
    TxResult r = apply(TxSpec.from(0).to(null).data(initcode).gasLimit(100_000));
    assertThat(r).isInstanceOf(TxResult.Applied.class);
    TxResult.Applied applied = (TxResult.Applied) r;
    Address created = dev.raftseq.chain.exec.ContractAddress.of(alice, 0);
    assertThat(applied.success()).isTrue();
    assertThat(applied.contractAddress()).isEqualTo(created);
    // intrinsic 21000 + 32000 create + 8 non-zero and 2 zero data bytes + 1 initcode word (2); execution 4 pushes,
    // MSTORE8 with one memory word (3 + 3), RETURN; code deposit 200 per byte
    long intrinsic = 21_000 + 32_000 + 8 * 16 + 2 * 4 + 2;
    long execution = 4 * 3 + 3 + 3 + 0;
    assertThat(applied.gasUsed()).isEqualTo(intrinsic + execution + 200);
    Account contract = state.account(created);
    assertThat(contract.nonce()).isEqualTo(1);
    assertThat(contract.codeHash()).isEqualTo(Keccak.hash(new byte[] {(byte) 0xff}));
    assertThat(state.code(contract.codeHash())).containsExactly((byte) 0xff);
    assertThat(state.account(alice).nonce()).isEqualTo(1);
  }

  @Test
  void callToContractCodeRunsIt() {
    TxResult r = apply(TxSpec.from(0).to(CONTRACT).gasLimit(30_000));
    // CONTRACT's code is PUSH1 0: 3 gas on top of the transfer
    assertThat(r).isEqualTo(new TxResult.Applied(21_003));
    // with only the intrinsic gas the code runs out of gas: applied, status 0, all gas used
    TxResult.Applied starved = (TxResult.Applied) apply(TxSpec.from(0).nonce(1).to(CONTRACT));
    assertThat(starved.success()).isFalse();
    assertThat(starved.gasUsed()).isEqualTo(21_000);
  }

  @Test
  void callToPrecompileRunsIt() {
    Address ecrecover = Address.fromHex("0x0000000000000000000000000000000000000001");
    Address justAfter = Address.fromHex("0x000000000000000000000000000000000000000b");
    assertThat(TxProcessor.isPrecompile(ecrecover)).isTrue();
    assertThat(TxProcessor.isPrecompile(Address.fromHex("0x000000000000000000000000000000000000000a"))).isTrue();
    assertThat(TxProcessor.isPrecompile(justAfter)).isFalse();
    assertThat(TxProcessor.isPrecompile(Address.ZERO)).isFalse();
    TxResult.Applied r = (TxResult.Applied) apply(TxSpec.from(0).to(ecrecover).gasLimit(30_000));
    assertThat(r.success()).isTrue();
    assertThat(r.gasUsed()).isEqualTo(21_000 + 3_000);
    assertThat(r.output()).isEmpty(); // no valid signature in the (empty) input
    assertThat(apply(TxSpec.from(0).nonce(1).to(justAfter))).isEqualTo(new TxResult.Applied(21_000));
  }

  @Test
  void revertedExecutionIsAppliedWithStatusZeroAndKeepsOnlyTheFeeAndNonce() {
    // runtime: SSTORE(0, 1); REVERT(0, 0)
    Address reverter = Address.fromHex("0x00000000000000000000000000000000deadbeef");
    byte[] code = {0x60, 0x01, 0x60, 0x00, 0x55, 0x60, 0x00, 0x60, 0x00, (byte) 0xfd};
    state =
        new StateOverlay(
            roots.stateOf(
                Map.of(alice, Account.EMPTY.withBalance(ETH.multiply(100)),
                    reverter, new Account(1, Wei.ZERO, Hash.EMPTY_TRIE, Keccak.hash(code))),
                Map.of(Keccak.hash(code), code)));
    TxResult.Applied r = (TxResult.Applied) apply(TxSpec.from(0).to(reverter).value(Wei.of(5)).gasLimit(100_000));
    assertThat(r.success()).isFalse();
    assertThat(r.error()).isEqualTo("execution reverted");
    assertThat(state.storage(reverter, Hash.ZERO)).isEqualTo(Hash.ZERO);
    assertThat(state.account(reverter).balance()).isEqualTo(Wei.ZERO);
    assertThat(state.account(alice).nonce()).isEqualTo(1);
    // 21000 + 4 pushes (12) + cold SSTORE of a fresh slot (2100 + 20000) + REVERT
    assertThat(r.gasUsed()).isEqualTo(21_000 + 12 + 22_100);
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
