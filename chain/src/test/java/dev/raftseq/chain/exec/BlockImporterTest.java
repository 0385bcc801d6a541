package dev.raftseq.chain.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.genesis.DevKeys;
import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BlockImporterTest {
  static final long T0 = (TestChain.GENESIS_SECONDS + 1) * 1000 + 250;
  static final long TERM = 3;

  final TestChain chain = new TestChain(4, 30_000_000L, TxSpec.GWEI);
  final NodeKey sequencer = NodeKey.fromPrivateKey(DevKeys.privateKey(7));
  final NodeKey stranger = NodeKey.fromPrivateKey(DevKeys.privateKey(8));
  final BlockBuilder builder = new BlockBuilder(chain.roots);
  final BlockImporter importer = new BlockImporter(chain.roots, TxSpec.CHAIN_ID, sequencer.address()::equals);

  /** Builds and seals a block on {@code parent} and makes its state readable. */
  private Block produce(Block parent, long millis, long term, List<RecoveredTx> txs) {
    BuiltBlock built = build(parent, millis, txs);
    assertThat(built.included()).hasSameSizeAs(txs);
    chain.roots.commit(built.state());
    return BlockSealer.seal(built, parent.header(), sequencer, term);
  }

  private BuiltBlock build(Block parent, long millis, List<RecoveredTx> txs) {
    return builder.build(
        parent.header(), chain.state(parent), chain.childContext(parent, millis), new ListCandidates(txs), 1000);
  }

  private BlockCommit verify(Block block, Block parent) throws InvalidBlockException {
    return importer.verify(block, parent.header(), chain.state(parent), new AppliedIndex(TERM, 42));
  }

  private List<RecoveredTx> someTransfers() {
    return List.of(
        TxSpec.from(0).sign(), TxSpec.from(1).value(Wei.of(10)).sign(), TxSpec.from(0).nonce(1).sign());
  }

  /** A copy of {@code block} with {@code edit} applied to its header, re-sealed by {@code key}. */
  private static Block tampered(Block block, NodeKey key, Consumer<HeaderEdit> edit) {
    HeaderEdit e = new HeaderEdit(block.header());
    edit.accept(e);
    return reseal(e, block.transactions(), key);
  }

  private static Block reseal(HeaderEdit e, List<RecoveredTx> txs, NodeKey key) {
    e.extraData = Arrays.copyOf(e.extraData, Header.VANITY_BYTES);
    return BlockCodec.block(SealFields.seal(e.build(), key), txs);
  }

  private void assertInvalid(Block block, Block parent, String message) {
    assertThatThrownBy(() -> verify(block, parent)).isInstanceOf(InvalidBlockException.class).hasMessage(message);
  }

  @Test
  void sealedBlockVerifiesToTheSameCommit() throws Exception {
    BuiltBlock built = build(chain.genesis, T0, someTransfers());
    Block block = BlockSealer.seal(built, chain.genesis.header(), sequencer, TERM);

    BlockCommit commit = verify(block, chain.genesis);

    assertThat(commit.block()).isEqualTo(block);
    assertThat(commit.receipts()).usingRecursiveFieldByFieldElementComparator().isEqualTo(built.receipts());
    assertThat(commit.state().root()).isEqualTo(built.state().root());
    assertThat(commit.appliedIndex()).isEqualTo(new AppliedIndex(TERM, 42));
    Header h = block.header();
    assertThat(h.parentHash()).isEqualTo(chain.genesis.hash());
    assertThat(h.number()).isEqualTo(1);
    assertThat(h.timestamp()).isEqualTo(TestChain.GENESIS_SECONDS + 1);
    assertThat(h.gasUsed()).isEqualTo(63_000);
    assertThat(h.coinbase()).isEqualTo(TestChain.COINBASE);
    assertThat(h.extraData()).hasSize(Header.VANITY_BYTES + Header.SEAL_BYTES);
    assertThat(SealFields.term(h)).isEqualTo(TERM);
    assertThat(SealFields.timestampMillis(h)).isEqualTo(T0);
    assertThat(SealFields.signer(h)).isEqualTo(sequencer.address());
    assertThat(h.ommersHash()).isEqualTo(Hash.EMPTY_LIST);
    assertThat(h.withdrawalsRoot()).isEqualTo(Hash.EMPTY_TRIE);
    assertThat(h.transactionsRoot()).isNotEqualTo(Hash.EMPTY_TRIE);
  }

  @Test
  void emptyBlockHasEmptyRootsAndVerifies() throws InvalidBlockException {
    Block block = produce(chain.genesis, T0, 1, List.of());
    assertThat(block.header().transactionsRoot()).isEqualTo(Hash.EMPTY_TRIE);
    assertThat(block.header().receiptsRoot()).isEqualTo(Hash.EMPTY_TRIE);
    assertThat(block.header().stateRoot()).isEqualTo(chain.genesis.header().stateRoot());
    assertThat(verify(block, chain.genesis).receipts()).isEmpty();
  }

  @Test
  void chainOfBlocksVerifiesAndFollowsTheBaseFeeRule() throws InvalidBlockException {
    Block parent = chain.genesis;
    List<Wei> fees = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<RecoveredTx> txs = List.of(TxSpec.from(2).nonce(i).sign());
      Block b = produce(parent, T0 + i * 1000L, TERM, txs);
      verify(b, parent);
      fees.add(b.header().baseFeePerGas());
      parent = b;
    }
    // genesis is empty, then each parent used 21000 of its 15M target (values computed in Python)
    assertThat(fees).containsExactly(
        Wei.of(875_000_000L), Wei.of(765_778_125L), Wei.of(670_189_871L), Wei.of(586_533_421L), Wei.of(513_319_387L));
  }

  @Test
  void sameMillisecondAsTheParentIsAllowed() throws InvalidBlockException {
    Block b1 = produce(chain.genesis, T0, TERM, List.of());
    Block b2 = produce(b1, T0, TERM, List.of());
    verify(b2, b1);
  }

  @Test
  void tamperedStateRoot() {
    Block b = produce(chain.genesis, T0, TERM, someTransfers());
    Hash fake = Hash.fromHex("0x" + "11".repeat(32));
    assertInvalid(tampered(b, sequencer, e -> e.stateRoot = fake), chain.genesis,
        "state root is " + fake + ", expected " + b.header().stateRoot());
  }

  @Test
  void tamperedParentHash() {
    Block b = produce(chain.genesis, T0, TERM, someTransfers());
    assertInvalid(tampered(b, sequencer, e -> e.parentHash = Hash.ZERO), chain.genesis,
        "parent hash is " + Hash.ZERO + ", expected " + chain.genesis.hash());
  }

  @Test
  void untrustedSigner() {
    Block b = produce(chain.genesis, T0, TERM, someTransfers());
    assertInvalid(tampered(b, stranger, e -> {}), chain.genesis,
        "sealed by " + stranger.address() + ", which is not a trusted sequencer key");
  }

  @Test
  void signatureOverOtherContentRecoversAnotherSigner() {
    Block b = produce(chain.genesis, T0, TERM, someTransfers());
    HeaderEdit e = new HeaderEdit(b.header());
    e.coinbase = DevKeys.address(3); // changed after signing, not re-sealed
    Block forged = BlockCodec.block(e.build(), b.transactions());
    assertThatThrownBy(() -> verify(forged, chain.genesis))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessageContaining("not a trusted sequencer key");
  }

  @Test
  void corruptSignature() {
    Block b = produce(chain.genesis, T0, TERM, someTransfers());
    HeaderEdit e = new HeaderEdit(b.header());
    Arrays.fill(e.extraData, Header.VANITY_BYTES, Header.VANITY_BYTES + 64, (byte) 0xff); // r, s >= n
    Block forged = BlockCodec.block(e.build(), b.transactions());
    assertThatThrownBy(() -> verify(forged, chain.genesis))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessageStartingWith("seal signature is invalid");
  }

  @Test
  void timestampBeforeTheParent() {
    Block b1 = produce(chain.genesis, T0, TERM, List.of());
    Block b2 = produce(b1, T0 + 5, TERM, List.of());
    Block back = tampered(b2, sequencer, e -> e.extraData = SealFields.vanity(TERM, T0 - 1));
    assertInvalid(back, b1, "timestamp " + (T0 - 1) + " ms is before the parent's " + T0 + " ms");
  }

  @Test
  void headerSecondsMustMatchTheVanityMillis() {
    Block b = produce(chain.genesis, T0, TERM, List.of());
    assertInvalid(tampered(b, sequencer, e -> e.timestamp += 1), chain.genesis,
        "timestamp (seconds of the vanity's milliseconds) is " + (T0 / 1000 + 1) + ", expected " + T0 / 1000);
  }

  @Test
  void termMustNotGoBack() {
    Block b1 = produce(chain.genesis, T0, TERM, List.of());
    Block b2 = produce(b1, T0 + 1000, TERM - 1, List.of());
    assertInvalid(b2, b1, "raft term " + (TERM - 1) + " is below the parent's " + TERM);
  }

  @Test
  void tamperedBaseFee() {
    Block b = produce(chain.genesis, T0, TERM, someTransfers());
    assertInvalid(tampered(b, sequencer, e -> e.baseFeePerGas = TxSpec.GWEI), chain.genesis,
        "base fee is 1000000000, expected 875000000");
  }

  @Test
  void tamperedGasUsed() {
    Block b = produce(chain.genesis, T0, TERM, someTransfers());
    assertInvalid(tampered(b, sequencer, e -> e.gasUsed = 42_000), chain.genesis, "gas used is 42000, expected 63000");
  }

  @Test
  void tamperedGasLimit() {
    Block b = produce(chain.genesis, T0, TERM, someTransfers());
    assertInvalid(tampered(b, sequencer, e -> e.gasLimit = 30_000_001L), chain.genesis,
        "gas limit is 30000001, expected 30000000");
  }

  @Test
  void tamperedTransactionsRootOrList() {
    Block b = produce(chain.genesis, T0, TERM, someTransfers());
    Hash fake = Hash.fromHex("0x" + "22".repeat(32));
    assertInvalid(tampered(b, sequencer, e -> e.transactionsRoot = fake), chain.genesis,
        "transactions root is " + fake + ", expected " + b.header().transactionsRoot());
    Block dropped = BlockCodec.block(b.header(), b.transactions().subList(0, 2));
    assertThatThrownBy(() -> verify(dropped, chain.genesis))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessageStartingWith("transactions root is " + b.header().transactionsRoot());
  }

  @Test
  void tamperedReceiptsRootAndBloom() {
    Block b = produce(chain.genesis, T0, TERM, someTransfers());
    Hash fake = Hash.fromHex("0x" + "33".repeat(32));
    assertInvalid(tampered(b, sequencer, e -> e.receiptsRoot = fake), chain.genesis,
        "receipts root is " + fake + ", expected " + b.header().receiptsRoot());
    assertInvalid(tampered(b, sequencer, e -> e.logsBloom[7] = 1), chain.genesis,
        "logs bloom differs from the receipts' bloom");
  }

  @Test
  void wrongNumber() {
    Block b = produce(chain.genesis, T0, TERM, List.of());
    assertInvalid(tampered(b, sequencer, e -> e.number = 2), chain.genesis, "number is 2, expected 1");
  }

  @Test
  void postMergeConstantsAreEnforced() {
    Block b = produce(chain.genesis, T0, TERM, List.of());
    assertInvalid(tampered(b, sequencer, e -> e.ommersHash = Hash.EMPTY_TRIE), chain.genesis,
        "ommers hash is " + Hash.EMPTY_TRIE + ", expected " + Hash.EMPTY_LIST);
    assertInvalid(tampered(b, sequencer, e -> e.difficulty = 1), chain.genesis, "difficulty is 1, expected 0");
    assertInvalid(tampered(b, sequencer, e -> e.nonce = 1), chain.genesis, "nonce is 1, expected 0");
    assertInvalid(tampered(b, sequencer, e -> e.mixHash = Hash.EMPTY_LIST), chain.genesis,
        "mix hash is " + Hash.EMPTY_LIST + ", expected " + Hash.ZERO);
    assertInvalid(tampered(b, sequencer, e -> e.withdrawalsRoot = Hash.ZERO), chain.genesis,
        "withdrawals root is " + Hash.ZERO + ", expected " + Hash.EMPTY_TRIE);
    assertInvalid(tampered(b, sequencer, e -> e.blobGasUsed = 131072), chain.genesis, "blob gas used is 131072, expected 0");
    assertInvalid(tampered(b, sequencer, e -> e.excessBlobGas = 1), chain.genesis, "excess blob gas is 1, expected 0");
    assertInvalid(tampered(b, sequencer, e -> e.parentBeaconBlockRoot = Hash.EMPTY_LIST), chain.genesis,
        "parent beacon block root is " + Hash.EMPTY_LIST + ", expected " + Hash.ZERO);
  }

  @Test
  void extraDataWithoutSealLayout() {
    Block b = produce(chain.genesis, T0, TERM, List.of());
    HeaderEdit e = new HeaderEdit(b.header());
    e.extraData = Arrays.copyOf(e.extraData, Header.VANITY_BYTES);
    assertInvalid(BlockCodec.block(e.build(), List.of()), chain.genesis,
        "extraData must be a 32-byte vanity (term, milliseconds, 16 zero bytes) and a 65-byte seal, got 32 bytes");
  }

  @Test
  void blockHashMustMatchTheHeader() {
    Block b = produce(chain.genesis, T0, TERM, List.of());
    Block lying = new Block(b.header(), b.transactions(), Hash.ZERO);
    assertInvalid(lying, chain.genesis, "block hash is " + Hash.ZERO + ", expected " + b.hash());
  }

  @Test
  void blockWithAnInvalidTransactionIsInvalid() {
    RecoveredTx gap = TxSpec.from(0).nonce(3).sign();
    BuiltBlock honest = build(chain.genesis, T0, List.of());
    BuiltBlock withBadTx =
        new BuiltBlock(honest.context(), List.of(gap), List.of(Receipts.transfer(gap, 21_000)), honest.state(), 21_000, List.of());
    Block b = BlockSealer.seal(withBadTx, chain.genesis.header(), sequencer, TERM);
    assertInvalid(b, chain.genesis,
        "transaction 0 " + gap.hash() + " is invalid: nonce too high: address " + DevKeys.address(0) + ", tx: 3 state: 0");
  }

  @Test
  void blockWhoseTransactionsExceedTheGasLimitIsInvalid() {
    TestChain small = new TestChain(4, 50_000, TxSpec.GWEI);
    BlockBuilder smallBuilder = new BlockBuilder(small.roots);
    BuiltBlock honest =
        smallBuilder.build(small.genesis.header(), small.state(small.genesis), small.childContext(small.genesis, T0),
            new ListCandidates(List.of()), 10);
    List<RecoveredTx> three = List.of(TxSpec.from(0).sign(), TxSpec.from(1).sign(), TxSpec.from(2).sign());
    BuiltBlock overfull = new BuiltBlock(honest.context(), three, List.of(), honest.state(), 63_000, List.of());
    Block b = BlockSealer.seal(overfull, small.genesis.header(), sequencer, TERM);
    BlockImporter smallImporter = new BlockImporter(small.roots, TxSpec.CHAIN_ID, sequencer.address()::equals);
    assertThatThrownBy(() -> smallImporter.verify(b, small.genesis.header(), small.state(small.genesis), null))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessage("transaction 2 " + three.get(2).hash() + " is invalid: exceeds block gas limit: tx gas limit 21000, block gas left 8000");
  }

  @Test
  void transactionsForAnotherChainAreInvalid() {
    BlockImporter otherChain = new BlockImporter(chain.roots, 271, sequencer.address()::equals);
    Block b = produce(chain.genesis, T0, TERM, List.of(TxSpec.from(0).sign()));
    assertThatThrownBy(() -> otherChain.verify(b, chain.genesis.header(), chain.state(chain.genesis), null))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessageContaining("invalid chain id: have 270, want 271");
  }

  @Test
  void verificationIsDeterministic() {
    Block b = produce(chain.genesis, T0, TERM, someTransfers());
    Block bad = tampered(b, sequencer, e -> e.gasUsed = 1);
    String first = catchMessage(bad);
    for (int i = 0; i < 3; i++) {
      assertThat(catchMessage(bad)).isEqualTo(first);
    }
  }

  private String catchMessage(Block b) {
    try {
      verify(b, chain.genesis);
      throw new AssertionError("expected an invalid block");
    } catch (InvalidBlockException e) {
      return e.getMessage();
    }
  }
}
