package dev.raftseq.chain.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.genesis.DevKeys;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockBuilderTest {
  static final long NOW = (TestChain.GENESIS_SECONDS + 12) * 1000 + 345;

  final TestChain chain = new TestChain(4, 30_000_000L, TxSpec.GWEI);
  final BlockBuilder builder = new BlockBuilder(chain.roots);

  private BuiltBlock build(List<RecoveredTx> txs, int max) {
    return build(new ListCandidates(txs), max);
  }

  private BuiltBlock build(ListCandidates candidates, int max) {
    return builder.build(
        chain.genesis.header(), chain.state(chain.genesis), chain.childContext(chain.genesis, NOW), candidates, max);
  }

  @Test
  void includesCandidatesInOrderWithCumulativeGasInTheReceipts() {
    List<RecoveredTx> txs =
        List.of(
            TxSpec.from(0).sign(),
            TxSpec.from(1).data(new byte[] {1}).gasLimit(22_000).sign(),
            TxSpec.from(0).nonce(1).sign(),
            TxSpec.from(2).value(Wei.of(5)).sign());
    BuiltBlock built = build(txs, 100);

    assertThat(built.included()).containsExactlyElementsOf(txs);
    assertThat(built.receipts()).extracting(Receipt::cumulativeGasUsed).containsExactly(21_000L, 42_016L, 63_016L, 84_016L);
    assertThat(built.receipts()).allSatisfy(r -> {
      assertThat(r.success()).isTrue();
      assertThat(r.logs()).isEmpty();
      assertThat(r.logsBloom()).containsOnly(0);
    });
    assertThat(built.gasUsed()).isEqualTo(84_016L);
    assertThat(built.rejected()).isEmpty();
    assertThat(built.deferred()).isEmpty();

    chain.roots.commit(built.state());
    StateView after = chain.roots.view(built.state().root());
    assertThat(after.account(DevKeys.address(0)).nonce()).isEqualTo(2);
    assertThat(after.account(DevKeys.address(9)).balance()).isEqualTo(Wei.of(1 + 1 + 1 + 5));
    assertThat(built.state().parentRoot()).isEqualTo(chain.genesis.header().stateRoot());
  }

  @Test
  void theBlockRunsAtTheParentsNextBaseFee() {
    BuiltBlock built = build(List.of(TxSpec.from(0).sign()), 10);
    // genesis is empty, so the base fee drops by 1/8
    assertThat(built.context().baseFee()).isEqualTo(Wei.of(875_000_000L));
    chain.roots.commit(built.state());
    // price = min(2 gwei, 0.875 + 1) = 1.875 gwei; tip 1 gwei to the coinbase
    assertThat(chain.roots.view(built.state().root()).account(TestChain.COINBASE).balance())
        .isEqualTo(TxSpec.GWEI.multiply(21_000));
  }

  @Test
  void invalidCandidateIsRejectedAndItsSenderSkipped() {
    RecoveredTx gap = TxSpec.from(0).nonce(1).sign();
    RecoveredTx afterGap = TxSpec.from(0).nonce(2).sign();
    RecoveredTx other = TxSpec.from(1).sign();
    ListCandidates candidates = new ListCandidates(List.of(gap, afterGap, other));
    BuiltBlock built = build(candidates, 100);

    assertThat(built.included()).containsExactly(other);
    assertThat(built.rejected()).hasSize(1);
    assertThat(built.rejected().get(0).tx()).isEqualTo(gap);
    assertThat(built.rejected().get(0).reason()).isEqualTo(TxRejection.NONCE_TOO_HIGH);
    assertThat(candidates.skipped()).containsExactly(DevKeys.address(0));
    assertThat(candidates.taken()).as("the gapped sender's later tx is never offered").isEqualTo(2);
  }

  @Test
  void stopsWhenTheBlockCannotFitAnotherTransfer() {
    TestChain small = new TestChain(4, 3 * 21_000 + 20_999, TxSpec.GWEI);
    List<RecoveredTx> txs = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      txs.add(TxSpec.from(0).nonce(n).sign());
    }
    ListCandidates candidates = new ListCandidates(txs);
    BuiltBlock built =
        new BlockBuilder(small.roots)
            .build(small.genesis.header(), small.state(small.genesis), small.childContext(small.genesis, NOW), candidates, 100);
    assertThat(built.included()).containsExactlyElementsOf(txs.subList(0, 3));
    assertThat(built.gasUsed()).isEqualTo(63_000);
    assertThat(candidates.taken()).isEqualTo(3);
    assertThat(built.rejected()).isEmpty();
    assertThat(built.deferred()).isEmpty();
  }

  @Test
  void stopsAtMaxTransactions() {
    List<RecoveredTx> txs = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      txs.add(TxSpec.from(1).nonce(n).sign());
    }
    ListCandidates candidates = new ListCandidates(txs);
    BuiltBlock built = build(candidates, 2);
    assertThat(built.included()).containsExactlyElementsOf(txs.subList(0, 2));
    assertThat(candidates.taken()).isEqualTo(2);
  }

  @Test
  void transactionThatDoesNotFitTheGasLeftIsDeferredNotRejected() {
    TestChain small = new TestChain(5, 100_000, TxSpec.GWEI);
    RecoveredTx a = TxSpec.from(0).gasLimit(60_000).sign();
    RecoveredTx b = TxSpec.from(1).gasLimit(60_000).sign(); // 79000 left: fits
    RecoveredTx c = TxSpec.from(2).gasLimit(60_000).sign(); // 58000 left: deferred
    RecoveredTx c2 = TxSpec.from(2).nonce(1).sign(); // same sender: skipped
    RecoveredTx d = TxSpec.from(3).sign(); // 58000 left: fits
    RecoveredTx e = TxSpec.from(4).sign(); // 37000 left: fits, then 16000 left: stop
    ListCandidates candidates = new ListCandidates(List.of(a, b, c, c2, d, e));
    BuiltBlock built =
        new BlockBuilder(small.roots)
            .build(small.genesis.header(), small.state(small.genesis), small.childContext(small.genesis, NOW), candidates, 100);

    assertThat(built.included()).containsExactly(a, b, d, e);
    assertThat(built.gasUsed()).isEqualTo(84_000);
    assertThat(built.rejected()).isEmpty();
    assertThat(built.deferred()).hasSize(1);
    assertThat(built.deferred().get(0).tx()).isEqualTo(c);
    assertThat(built.deferred().get(0).reason()).isEqualTo(TxRejection.GAS_LIMIT);
    assertThat(built.deferred().get(0).detail()).isEqualTo("tx gas limit 60000, block gas left 58000");
  }

  @Test
  void emptyBlockChangesNothing() {
    BuiltBlock built = build(List.of(), 100);
    assertThat(built.included()).isEmpty();
    assertThat(built.gasUsed()).isZero();
    assertThat(built.state().root()).isEqualTo(chain.genesis.header().stateRoot());
  }

  @Test
  void refusesAContextThatIsNotTheParentsChild() {
    BlockContext good = chain.childContext(chain.genesis, NOW);
    BlockContext wrongFee =
        new BlockContext(good.chainId(), good.number(), good.parentHash(), NOW, good.coinbase(), good.gasLimit(), TxSpec.GWEI);
    BlockContext wrongNumber =
        new BlockContext(good.chainId(), 2, good.parentHash(), NOW, good.coinbase(), good.gasLimit(), good.baseFee());
    BlockContext wrongGas =
        new BlockContext(good.chainId(), 1, good.parentHash(), NOW, good.coinbase(), 1_000_000, good.baseFee());
    for (BlockContext bad : List.of(wrongFee, wrongNumber, wrongGas)) {
      assertThatThrownBy(
              () -> builder.build(chain.genesis.header(), chain.state(chain.genesis), bad, new ListCandidates(List.of()), 10))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void contextTimestampNeverGoesBeforeTheParent() {
    BlockContext early = chain.childContext(chain.genesis, 5_000);
    assertThat(early.timestampMillis()).isEqualTo(TestChain.GENESIS_SECONDS * 1000);
    assertThat(chain.childContext(chain.genesis, NOW).timestampSeconds()).isEqualTo(TestChain.GENESIS_SECONDS + 12);
  }
}
