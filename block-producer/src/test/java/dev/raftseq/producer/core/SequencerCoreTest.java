package dev.raftseq.producer.core;

import static dev.raftseq.producer.core.CoreNode.CHAIN_ID;
import static dev.raftseq.producer.core.CoreNode.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.exec.BlockBuilder;
import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.BlockSealer;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.testing.DevAccounts;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.DivergenceException;
import dev.raftseq.producer.consensus.CommittedCheckpoint;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.consensus.TxOutcome;
import dev.raftseq.producer.entry.EntryCodec;
import dev.raftseq.producer.entry.LogEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sequencer core on a real chain (RocksDB, signed transactions, the real builder, sealer and
 * importer) with the single sequencer's local log applying inline: no threads, no sleeps.
 */
class SequencerCoreTest {
  @TempDir Path dir;

  private static RecoveredTx transfer(int from, long nonce) {
    return TestTxs.transfer(TxType.EIP1559, DevAccounts.privateKey(from), CHAIN_ID, nonce);
  }

  private static Hash submit(CoreNode n, RecoveredTx tx) {
    return n.core.submit(tx.encoded()).join();
  }

  private static TxRejectedException refusal(CoreNode n, RecoveredTx tx) {
    try {
      n.core.submit(tx.encoded()).join();
      throw new AssertionError("accepted " + tx);
    } catch (CompletionException e) {
      return (TxRejectedException) e.getCause();
    }
  }

  @Test
  void producesVerifiedSignedBlocksThatIncludeEveryAcknowledgedTransactionOnce() throws Exception {
    try (CoreNode n = CoreNode.single(dir)) {
      List<RecoveredTx> sent = new ArrayList<>();
      // out of nonce order, three senders, all three transaction types
      int[][] order = {{0, 2}, {1, 0}, {0, 0}, {2, 1}, {0, 1}, {2, 0}, {1, 1}};
      TxType[] types = {TxType.EIP1559, TxType.LEGACY, TxType.ACCESS_LIST};
      for (int[] o : order) {
        RecoveredTx tx = TestTxs.transfer(types[o[0]], DevAccounts.privateKey(o[0]), CHAIN_ID, o[1]);
        assertThat(submit(n, tx)).isEqualTo(tx.hash());
        sent.add(tx);
      }
      assertThat(n.core.pool().pendingCount()).isEqualTo(sent.size());
      assertThat(n.core.pendingNonce(DevAccounts.address(0))).isEqualTo(3);

      long t = T0;
      n.tick(t);
      RecoveredTx late = TestTxs.transfer(TxType.EIP1559, DevAccounts.privateKey(1), CHAIN_ID, 2);
      submit(n, late);
      sent.add(late);
      for (int i = 0; i < 8; i++) {
        t += 250;
        n.tick(t);
      }

      assertThat(n.core.pool().size()).isZero();
      Set<Hash> included = new HashSet<>();
      long previousMillis = 0;
      for (long b = 1; b <= n.store.head().number(); b++) {
        Block block = n.store.blockByNumber(b).orElseThrow();
        assertThat(SealFields.signer(block.header())).isEqualTo(n.key.address());
        assertThat(SealFields.term(block.header())).isZero();
        assertThat(SealFields.timestampMillis(block.header())).isGreaterThanOrEqualTo(previousMillis);
        previousMillis = SealFields.timestampMillis(block.header());
        for (RecoveredTx tx : block.transactions()) {
          assertThat(included.add(tx.hash())).as("included once: %s", tx).isTrue();
        }
      }
      assertThat(included).containsExactlyInAnyOrderElementsOf(sent.stream().map(RecoveredTx::hash).toList());
      assertThat(n.store.head().number()).isEqualTo(2);
      assertThat(n.store.headState().account(DevAccounts.address(0)).nonce()).isEqualTo(3);
      assertThat(n.store.headState().account(DevAccounts.address(1)).nonce()).isEqualTo(3);
      assertThat(n.store.pooledEntries()).as("the persisted committed set empties with inclusion").isEmpty();
    }
  }

  @Test
  void acknowledgedTransactionsSurviveARestartWithTheirSenders() throws Exception {
    RecoveredTx a0 = transfer(0, 0);
    RecoveredTx a1 = transfer(0, 1);
    RecoveredTx gapped = transfer(1, 5);
    try (CoreNode n = CoreNode.single(dir)) {
      submit(n, a0);
      submit(n, a1);
      submit(n, gapped);
      assertThat(n.store.pooledEntries()).extracting(RawTx::sender)
          .containsExactly(DevAccounts.address(0), DevAccounts.address(0), DevAccounts.address(1));
    }
    try (CoreNode n = CoreNode.single(dir)) {
      assertThat(n.core.pool().pendingTransactions()).containsExactly(a0, a1);
      assertThat(n.core.pool().queuedTransactions()).containsExactly(gapped);
      n.tick(T0);
      assertThat(n.store.head().transactions()).containsExactly(a0, a1);
      assertThat(n.core.pool().queuedTransactions()).as("still held, still acknowledged").containsExactly(gapped);
    }
  }

  @Test
  void aFullCommittedSetRefusesBeforeAcknowledgingAndNeverEvicts() {
    try (CoreNode n = CoreNode.single(dir, CoreNode.genesis(30_000_000),
        c -> new dev.raftseq.producer.SequencerCore.Config(c.producer(), c.pool().withLimits(2, 10, 10),
            c.batching(), c.ackTimeout()))) {
      RecoveredTx a0 = transfer(0, 0);
      RecoveredTx b0 = transfer(1, 0);
      submit(n, a0);
      submit(n, b0);
      // a better-paying one would have evicted the cheapest in an ordinary pool
      RecoveredTx rich = TestTxs.builder(TxType.EIP1559, CHAIN_ID).nonce(0)
          .maxFee(Wei.of(100_000_000_000L)).maxPriorityFee(Wei.of(50_000_000_000L)).sign(DevAccounts.privateKey(2));
      TxRejectedException e = refusal(n, rich);
      assertThat(e.reason()).isEqualTo(TxRejection.POOL_FULL);
      assertThat(e).hasMessage("txpool is full: the pool holds 2 transactions, limit 2");
      assertThat(n.core.pool().pendingTransactions()).containsExactlyInAnyOrder(a0, b0);
      assertThat(n.core.pendingTransaction(rich.hash())).isEmpty();

      n.tick(T0);
      assertThat(n.store.head().transactions()).containsExactlyInAnyOrder(a0, b0);
      assertThat(submit(n, rich)).as("room again once included").isEqualTo(rich.hash());
    }
  }

  @Test
  void anAcknowledgedTransactionWaitsOutABaseFeeRiseAndIsIncludedWhenItFalls() {
    // four transfers fill the block (84,000 of 100,000 gas, above the 50,000 target): the base fee rises
    try (CoreNode n = CoreNode.single(dir, CoreNode.genesis(100_000), c -> c)) {
      Wei nextBaseFee = n.core.nextBaseFee();
      for (int i = 0; i < 4; i++) {
        submit(n, TestTxs.builder(TxType.EIP1559, CHAIN_ID).nonce(0).maxFee(nextBaseFee.multiply(2))
            .maxPriorityFee(Wei.of(1_000)).sign(DevAccounts.privateKey(i)));
      }
      // pays exactly this block's base fee and no tip: it comes last and does not fit
      RecoveredTx cheap = TestTxs.builder(TxType.EIP1559, CHAIN_ID).nonce(0).maxFee(nextBaseFee)
          .maxPriorityFee(Wei.ZERO).sign(DevAccounts.privateKey(5));
      assertThat(submit(n, cheap)).isEqualTo(cheap.hash());

      n.tick(T0);
      assertThat(n.store.head().transactions()).hasSize(4).doesNotContain(cheap);
      assertThat(n.core.nextBaseFee().compareTo(cheap.tx().maxFeePerGas())).isPositive();
      assertThat(n.core.pool().contains(cheap.hash())).as("kept through the rise").isTrue();

      long t = T0;
      for (int i = 0; i < 5 && n.core.pool().contains(cheap.hash()); i++) {
        t += 250;
        n.tick(t);
      }
      assertThat(n.core.pool().contains(cheap.hash())).isFalse();
      assertThat(n.store.transactionLocation(cheap.hash())).as("included once the base fee fell").isPresent();
    }
  }

  @Test
  void aBrokenOrThrowingTransactionInAReplicatedBatchIsSkippedAndTheRestApply() {
    try (CoreNode n = CoreNode.single(dir)) {
      RecoveredTx good = transfer(0, 0);
      RecoveredTx wrongChain = TestTxs.transfer(TxType.EIP1559, DevAccounts.privateKey(1), CHAIN_ID + 1, 0);
      byte[] garbage = {0x02, (byte) 0xc0};
      byte[] entry = EntryCodec.encode(new LogEntry.TxBatch(List.of(
          new RawTx(garbage, DevAccounts.address(3)),
          new RawTx(wrongChain.encoded(), wrongChain.sender()),
          RawTx.of(good))));

      EntryResult r = n.core.apply(new AppliedIndex(1, 7), entry);

      assertThat(r).isInstanceOf(EntryResult.TxsApplied.class);
      List<TxOutcome> outcomes = ((EntryResult.TxsApplied) r).outcomes();
      assertThat(outcomes.get(0).rejection()).isEqualTo(TxRejection.INVALID);
      assertThat(outcomes.get(1).rejection()).isEqualTo(TxRejection.INVALID);
      assertThat(outcomes.get(2).accepted()).isTrue();
      assertThat(n.core.pool().pendingTransactions()).containsExactly(good);
      assertThat(n.store.lastApplied()).contains(new AppliedIndex(1, 7));
      assertThat(n.sequencing.halted()).isNotDone();
    }
  }

  @Test
  void aMalformedEntryIsSkippedAndItsIndexRecorded() {
    try (CoreNode n = CoreNode.single(dir)) {
      EntryResult r = n.core.apply(new AppliedIndex(2, 9), new byte[] {0x7f, 1, 2, 3});
      assertThat(r).isInstanceOf(EntryResult.Rejected.class);
      assertThat(((EntryResult.Rejected) r).reason()).contains("unknown log entry type 0x7f");
      assertThat(n.store.lastApplied()).contains(new AppliedIndex(2, 9));
      assertThat(n.core.malformed(new byte[] {0x7f})).isPresent();
    }
  }

  @Test
  void aBlockNoMemberSealedIsRejectedAndAStaleOneIgnoredTheSameWayEverywhere() throws Exception {
    try (CoreNode n = CoreNode.single(dir)) {
      RecoveredTx a0 = transfer(0, 0);
      submit(n, a0);
      Block head = n.store.head();

      Block byStranger = seal(n, List.of(a0), DevAccounts.key(4), T0);
      EntryResult r = n.core.apply(new AppliedIndex(1, 10), blockRef(byStranger));
      assertThat(r).isInstanceOf(EntryResult.Rejected.class);
      assertThat(((EntryResult.Rejected) r).reason()).contains("not an allowed sequencer key");

      Block ours = seal(n, List.of(a0), n.key, T0 - 1);
      n.tick(T0); // our own production applies a block on the same parent first
      assertThat(n.store.head().number()).isEqualTo(head.number() + 1);
      r = n.core.apply(new AppliedIndex(1, 11), blockRef(ours));
      assertThat(r).isInstanceOf(EntryResult.BlockStale.class);
      assertThat(n.store.head().number()).isEqualTo(head.number() + 1);
      assertThat(n.store.lastApplied()).contains(new AppliedIndex(1, 11));
    }
  }

  @Test
  void aReplayedBlockVerifiedAgainstTheHeadAppliesThroughTheSameApplyPathOnce() throws Exception {
    try (CoreNode producer = CoreNode.single(dir.resolve("producer"));
        CoreNode replica = CoreNode.single(dir.resolve("replica"))) {
      submit(producer, transfer(0, 0));
      producer.tick(T0);
      Block block = producer.store.head();
      assertThat(block.number()).isEqualTo(1);
      List<Block> heard = new ArrayList<>();
      replica.core.subscribeNewHeads(heard::add);

      Block parent = replica.store.head();
      var verified = new dev.raftseq.chain.exec.BlockImporter(replica.store, CHAIN_ID, a -> true)
          .verify(block, parent.header(), replica.store.headState(), null);
      EntryResult r = replica.core.applyVerified(verified);

      assertThat(r).isEqualTo(new EntryResult.BlockApplied(1, block.hash()));
      assertThat(replica.store.head().hash()).isEqualTo(block.hash());
      assertThat(replica.core.head().block().hash()).as("the core's published head").isEqualTo(block.hash());
      assertThat(replica.store.receipts(block.hash())).hasSize(1);
      assertThat(replica.core.pendingNonce(DevAccounts.address(0))).isEqualTo(1);
      assertThat(heard).extracting(Block::hash).containsExactly(block.hash());
      assertThat(replica.store.lastApplied()).as("no Raft index for a replayed block").isEmpty();

      // the same block again (it also arrived another way): stale, nothing written
      assertThat(replica.core.applyVerified(verified)).isInstanceOf(EntryResult.BlockStale.class);
      assertThat(replica.store.head().number()).isEqualTo(1);
      assertThat(heard).hasSize(1);
    }
  }

  @Test
  void aMemberSealedBlockThatDoesNotVerifyHereHaltsInsteadOfForking() throws Exception {
    try (CoreNode n = CoreNode.single(dir)) {
      RecoveredTx a0 = transfer(0, 0);
      submit(n, a0);
      Block honest = seal(n, List.of(a0), n.key, T0);
      // the same block with another state root, sealed by the member key: it does not re-execute to that
      Header forged = SealFields.seal(withStateRoot(honest.header(), Hash.ZERO), n.key);

      assertThatThrownBy(() -> n.core.apply(new AppliedIndex(1, 12),
              EntryCodec.encode(new LogEntry.BlockRef(forged, List.of(a0.hash())))))
          .isInstanceOf(DivergenceException.class)
          .hasMessageContaining("does not verify on this node")
          .hasMessageContaining("state root");
      assertThat(n.store.head().number()).as("nothing applied").isZero();
    }
  }

  @Test
  void aBlockNamingATransactionThatLeftTheCommittedSetIsRejectedEverywhere() throws Exception {
    try (CoreNode n = CoreNode.single(dir)) {
      RecoveredTx original = transfer(0, 0);
      submit(n, original);
      Block built = seal(n, List.of(original), n.key, T0);
      // a replacement commits after the block was built and before its entry applies
      RecoveredTx replacement = TestTxs.builder(TxType.EIP1559, CHAIN_ID).nonce(0)
          .maxFee(Wei.of(4_000_000_000L)).maxPriorityFee(Wei.of(2_000_000_000L)).sign(DevAccounts.privateKey(0));
      submit(n, replacement);

      EntryResult r = n.core.apply(new AppliedIndex(1, 13), blockRef(built));

      assertThat(r).isInstanceOf(EntryResult.Rejected.class);
      assertThat(((EntryResult.Rejected) r).reason()).contains("not in the committed set");
      assertThat(n.store.head().number()).isZero();
      assertThat(n.store.lastApplied()).contains(new AppliedIndex(1, 13));
      n.tick(T0 + 1);
      assertThat(n.store.head().transactions()).containsExactly(replacement);
    }
  }

  @Test
  void aDuplicateOfACommittedTransactionIsAcknowledgedAgainWhenItArrivesThroughTheLog() {
    try (CoreNode n = CoreNode.single(dir)) {
      RecoveredTx a0 = transfer(0, 0);
      submit(n, a0);
      byte[] again = EntryCodec.encode(new LogEntry.TxBatch(List.of(RawTx.of(a0))));
      EntryResult r = n.core.apply(new AppliedIndex(3, 1), again);
      assertThat(((EntryResult.TxsApplied) r).outcomes()).containsExactly(TxOutcome.ACCEPTED);
      assertThat(refusal(n, a0).reason()).as("a client re-sending it to this node").isEqualTo(TxRejection.ALREADY_KNOWN);
    }
  }

  @Test
  void sealersFollowTheMembersTheLogNamesAtEachIndexAndARestartKnowsThem() throws Exception {
    NodeKey newcomer = DevAccounts.key(4);
    Block sealedByNewcomer;
    try (CoreNode n = CoreNode.single(dir)) {
      RecoveredTx a0 = transfer(0, 0);
      RecoveredTx a1 = transfer(0, 1);
      submit(n, a0);
      submit(n, a1);
      Block early = seal(n, List.of(a0), newcomer, T0);
      assertThat(n.core.apply(new AppliedIndex(1, 20), blockRef(early)))
          .as("not a member yet").isInstanceOf(EntryResult.Rejected.class);

      n.core.membershipChanged(new AppliedIndex(2, 21), Set.of(n.key.nodeIdHex(), newcomer.nodeIdHex()));
      assertThat(n.store.lastApplied()).contains(new AppliedIndex(2, 21));
      Block byNewcomer = seal(n, List.of(a0), newcomer, T0 + 1);
      assertThat(n.core.apply(new AppliedIndex(2, 22), blockRef(byNewcomer)))
          .isEqualTo(new EntryResult.BlockApplied(byNewcomer.number(), byNewcomer.hash()));

      n.core.membershipChanged(new AppliedIndex(3, 23), Set.of(n.key.nodeIdHex()));
      sealedByNewcomer = seal(n, List.of(a1), newcomer, T0 + 2);
      EntryResult removed = n.core.apply(new AppliedIndex(3, 24), blockRef(sealedByNewcomer));
      assertThat(removed).isInstanceOf(EntryResult.Rejected.class);
      assertThat(((EntryResult.Rejected) removed).reason()).contains("not an allowed sequencer key");
      assertThat(n.store.head().number()).isEqualTo(1);
    }
    try (CoreNode n = CoreNode.single(dir)) {
      assertThat(n.store.members()).contains(List.of(n.key.nodeIdHex()));
      assertThat(n.core.apply(new AppliedIndex(3, 25), blockRef(sealedByNewcomer)))
          .as("the removal holds after a restart").isInstanceOf(EntryResult.Rejected.class);
      Block ours = seal(n, n.core.pool().pendingTransactions(), n.key, T0 + 3);
      assertThat(n.core.apply(new AppliedIndex(3, 26), blockRef(ours))).isInstanceOf(EntryResult.BlockApplied.class);
    }
  }

  @Test
  void aFollowerBehindAPurgedLogTakesOverAPeersPositionAfterBlockSync() throws Exception {
    NodeKey newcomer = DevAccounts.key(4);
    RecoveredTx a0 = transfer(0, 0);
    RecoveredTx a1 = transfer(0, 1);
    RecoveredTx b0 = transfer(1, 0);
    try (CoreNode peer = CoreNode.single(dir.resolve("peer"));
        CoreNode behind = CoreNode.single(dir.resolve("behind"))) {
      // the peer's log: a batch, a block including part of it, a membership change
      peer.core.apply(new AppliedIndex(1, 5), EntryCodec.encode(new LogEntry.TxBatch(List.of(RawTx.of(a0), RawTx.of(a1),
          RawTx.of(b0)))));
      Block block1 = seal(peer, List.of(a0), peer.key, T0);
      assertThat(peer.core.apply(new AppliedIndex(1, 6), blockRef(block1))).isInstanceOf(EntryResult.BlockApplied.class);
      peer.core.membershipChanged(new AppliedIndex(1, 7), Set.of(peer.key.nodeIdHex(), newcomer.nodeIdHex()));
      CommittedCheckpoint cp = peer.core.checkpoint().orElseThrow();
      assertThat(cp.applied()).isEqualTo(new AppliedIndex(1, 7));
      assertThat(cp.headNumber()).isEqualTo(1);
      assertThat(cp.headHash()).isEqualTo(block1.hash());
      assertThat(cp.committed()).extracting(RawTx::raw).containsExactly(a1.encoded(), b0.encoded());
      assertThat(cp.members()).contains(List.of(peer.key.nodeIdHex(), newcomer.nodeIdHex()).stream().sorted().toList());

      // the follower applied an early entry, then the log it needed was purged
      RecoveredTx stale = transfer(2, 0);
      behind.core.apply(new AppliedIndex(1, 2), EntryCodec.encode(new LogEntry.TxBatch(List.of(RawTx.of(stale)))));
      assertThatThrownBy(() -> behind.core.installCheckpoint(cp)).as("its head is not the checkpoint's yet")
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("head is 0");
      var verified = new dev.raftseq.chain.exec.BlockImporter(behind.store, CHAIN_ID, a -> true)
          .verify(block1, behind.store.head().header(), behind.store.headState(), null);
      assertThat(behind.core.applyVerified(verified)).isInstanceOf(EntryResult.BlockApplied.class);
      assertThat(behind.store.lastApplied()).contains(new AppliedIndex(1, 2));

      behind.core.installCheckpoint(cp);

      assertThat(behind.store.lastApplied()).contains(new AppliedIndex(1, 7));
      assertThat(behind.core.pool().pendingTransactions()).containsExactlyInAnyOrder(a1, b0);
      assertThat(behind.store.pooledEntries()).extracting(RawTx::raw).containsExactly(a1.encoded(), b0.encoded());
      assertThat(behind.store.members()).isEqualTo(cp.members());
      assertThatThrownBy(() -> behind.core.installCheckpoint(cp)).as("not behind it any more")
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already applied through");

      // the log continues after the position: a block by the member the purged entries added applies
      Block byNewcomer = seal(behind, List.of(a1, b0), newcomer, T0 + 1);
      assertThat(behind.core.apply(new AppliedIndex(1, 8), blockRef(byNewcomer)))
          .isEqualTo(new EntryResult.BlockApplied(2, byNewcomer.hash()));
      assertThat(behind.core.pool().size()).isZero();
    }
  }

  @Test
  void aPausedNodeSealsNothingUntilResumed() {
    try (CoreNode n = CoreNode.single(dir)) {
      submit(n, transfer(0, 0));
      assertThat(n.core.pauseProduction()).isTrue();
      assertThat(n.core.pauseProduction()).as("already paused").isFalse();
      n.tick(T0);
      n.tick(T0 + 1_000);
      assertThat(n.store.head().number()).isZero();
      assertThat(n.core.productionPaused()).isTrue();

      assertThat(n.core.resumeProduction()).isTrue();
      n.tick(T0 + 2_000);
      assertThat(n.store.head().number()).isEqualTo(1);
      assertThat(n.core.pool().pendingCount()).isZero();
    }
  }

  private static byte[] blockRef(Block b) {
    return EntryCodec.encode(new LogEntry.BlockRef(b.header(),
        b.transactions().stream().map(RecoveredTx::hash).toList()));
  }

  /** A block on the current head with these transactions, sealed by {@code key} (not applied). */
  private static Block seal(CoreNode n, List<RecoveredTx> txs, NodeKey key, long millis) {
    Block head = n.store.head();
    BlockContext ctx = BlockContext.childOf(CHAIN_ID, head, millis, key.address());
    BuiltBlock built = new BlockBuilder(n.store).build(head.header(), n.store.headState(), ctx,
        new ListCandidates(txs), 1_000);
    assertThat(built.included()).hasSameSizeAs(txs);
    return BlockSealer.seal(built, head.header(), key, 0);
  }

  private static Header withStateRoot(Header h, Hash root) {
    return new Header(h.parentHash(), h.ommersHash(), h.coinbase(), root, h.transactionsRoot(), h.receiptsRoot(),
        h.logsBloom(), h.difficulty(), h.number(), h.gasLimit(), h.gasUsed(), h.timestamp(),
        java.util.Arrays.copyOf(h.extraData(), Header.VANITY_BYTES), h.mixHash(), h.nonce(), h.baseFeePerGas(),
        h.withdrawalsRoot(), h.blobGasUsed(), h.excessBlobGas(), h.parentBeaconBlockRoot());
  }

  /** Candidates in list order. */
  private static final class ListCandidates implements dev.raftseq.chain.exec.TxCandidates {
    private final List<RecoveredTx> txs;
    private int next;

    ListCandidates(List<RecoveredTx> txs) {
      this.txs = txs;
    }

    @Override
    public RecoveredTx next() {
      return next < txs.size() ? txs.get(next++) : null;
    }

    @Override
    public void skipSender(Address sender) {
      throw new AssertionError("the test block must build whole");
    }
  }

  @Test
  void aBlockAppliedWhileTheNodeStopsIsKeptThoughItsListenersAreGone() throws Exception {
    // a stopping node shuts its listener executor down while consensus may still apply an entry;
    // that apply must commit as usual, not throw (an apply that throws halts the node, exit 70)
    ExecutorService events = Executors.newSingleThreadExecutor();
    events.shutdown();
    try (CoreNode n = CoreNode.single(dir, CoreNode.genesis(30_000_000), UnaryOperator.identity(),
        events)) {
      List<Block> told = new ArrayList<>();
      n.core.subscribeNewHeads(told::add);
      RecoveredTx tx = transfer(0, 0);
      assertThat(submit(n, tx)).isEqualTo(tx.hash());
      n.tick(T0);
      assertThat(n.store.head().number()).isEqualTo(1);
      assertThat(n.store.head().transactions()).containsExactly(tx);
      assertThat(n.sequencing.halted()).as("the log did not halt").isNotDone();
      assertThat(told).isEmpty();
    }
  }

  @Test
  void aBatchCommittedAgainAfterItsTransactionWasIncludedAcknowledgesIt() {
    // a leader whose local append answered NotLeader resends the batch through the new leader,
    // though the first copy was committed; a block may include the transaction before the second
    // copy applies. Its answer must be the hash, not "nonce too low".
    try (CoreNode n = CoreNode.single(dir)) {
      RecoveredTx tx = transfer(0, 0);
      byte[] batch = EntryCodec.encode(new LogEntry.TxBatch(List.of(RawTx.of(tx))));
      EntryResult first = n.core.apply(new AppliedIndex(1, 1), batch);
      assertThat(((EntryResult.TxsApplied) first).outcomes()).allMatch(TxOutcome::accepted);
      n.tick(T0);
      assertThat(n.store.head().transactions()).containsExactly(tx);

      EntryResult again = n.core.apply(new AppliedIndex(1, 3), batch);

      assertThat(((EntryResult.TxsApplied) again).outcomes()).allMatch(TxOutcome::accepted);
      assertThat(n.core.pool().size()).isZero();
      // a different transaction with a used nonce is still refused
      RecoveredTx other = TestTxs.transfer(TxType.LEGACY, DevAccounts.privateKey(0), CHAIN_ID, 0);
      EntryResult stale = n.core.apply(new AppliedIndex(1, 4),
          EntryCodec.encode(new LogEntry.TxBatch(List.of(RawTx.of(other)))));
      assertThat(((EntryResult.TxsApplied) stale).outcomes().get(0).rejection()).isEqualTo(TxRejection.NONCE_TOO_LOW);
    }
  }
}
