package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.producer.consensus.EntryResultCodec;
import dev.raftseq.producer.consensus.TxOutcome;
import dev.raftseq.raft.FakeChain.FakeBlock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

/** The apply path over hand-made log entries, without a Raft server. */
class LogStateMachineTest {
  private final ClientId someoneElse = ClientId.randomId();
  private final FakeChain chain = new FakeChain();
  private final LeadershipTracker leadership = new LeadershipTracker("t", Runnable::run, new LeadershipTracker.RaftView() {
    @Override
    public boolean isLeader() {
      return false;
    }

    @Override
    public boolean isLeaderReady() {
      return false;
    }

    @Override
    public long currentTerm() {
      return 1;
    }
  });
  private final LogStateMachine sm = new LogStateMachine("t", chain, java.util.Optional.empty(), leadership, 1 << 20, leader -> { });

  @Test
  void handsEachEntryToTheCoreInOrderAndRepliesWithItsResult() throws Exception {
    FakeBlock b1 = FakeChain.GENESIS.child("b1");
    assertThat(apply(1, 1, b1.encode())).isInstanceOf(EntryResult.BlockApplied.class);
    assertThat(apply(1, 2, FakeChain.GENESIS.child("late").encode()))
        .isEqualTo(new EntryResult.BlockStale("parent genesis is not head b1"));
    assertThat(apply(1, 3, "Bjunk".getBytes(StandardCharsets.UTF_8))).isInstanceOf(EntryResult.Rejected.class);
    assertThat(apply(2, 4, FakeChain.txEntry(List.of("t1", "t2"))))
        .isEqualTo(new EntryResult.TxsApplied(List.of(TxOutcome.ACCEPTED, TxOutcome.ACCEPTED)));

    assertThat(chain.blocks()).containsExactly(FakeChain.GENESIS, b1);
    assertThat(chain.txs()).containsExactly("t1", "t2");
    assertThat(sm.getLastAppliedTermIndex()).isEqualTo(TermIndex.valueOf(2, 4));
  }

  @Test
  void corruptEntryIsSkippedButItsIndexRecorded() throws Exception {
    EntryResult reply = apply(1, 7, new byte[] {0x02, 0, 0, 0, 9});

    assertThat(reply).isInstanceOf(EntryResult.Rejected.class);
    assertThat(chain.lastApplied()).contains(new AppliedIndex(1, 7));
    assertThat(chain.history()).containsExactly(new FakeChain.Applied(new AppliedIndex(1, 7), "skipped"));
    assertThat(sm.getLastAppliedTermIndex()).isEqualTo(TermIndex.valueOf(1, 7));
  }

  @Test
  void applierFailureHaltsInsteadOfContinuing() {
    chain.failOn("poison");
    byte[] entry = FakeChain.GENESIS.child("poison").encode();

    assertThatThrownBy(() -> apply(1, 1, entry))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("halted at Raft entry");
    assertThat(sm.halted()).isCompleted();
    assertThat(sm.getLastAppliedTermIndex().getIndex()).as("the failed entry does not count as applied").isNotEqualTo(1);
    assertThat(leadership.producingTerm()).isEmpty();
  }

  @Test
  void metadataEntriesMoveTheIndexButNeverBackwards() throws Exception {
    apply(1, 5, FakeChain.txEntry(List.of("t")));
    sm.notifyTermIndexUpdated(1, 6);
    assertThat(sm.getLastAppliedTermIndex()).isEqualTo(TermIndex.valueOf(1, 6));
    sm.notifyTermIndexUpdated(1, 3);
    assertThat(sm.getLastAppliedTermIndex()).isEqualTo(TermIndex.valueOf(1, 6));
  }

  @Test
  void configurationEntriesHandTheVotingMembersToTheCoreWhenApplied() throws Exception {
    String a = "aa".repeat(64);
    String b = "bb".repeat(64);
    String c = "cc".repeat(64);
    apply(1, 1, FakeChain.txEntry(List.of("t")));
    // a snapshot notification's configuration, out of log order: never counts
    sm.notifyConfigurationChanged(0, 7, conf(List.of(b), List.of()));
    // joint: new {a, b, c}, old {a, b}; listeners are no members
    sm.notifyConfigurationChanged(1, 2, org.apache.ratis.proto.RaftProtos.RaftConfigurationProto.newBuilder()
        .mergeFrom(conf(List.of(a, b, c), List.of(a, b))).addListeners(peer("dd".repeat(64))).build());
    assertThat(chain.memberships()).as("nothing until the entry is applied").isEmpty();
    sm.notifyTermIndexUpdated(1, 2);
    sm.notifyConfigurationChanged(1, 3, conf(List.of(a, c), List.of()));
    sm.notifyTermIndexUpdated(1, 3);
    sm.notifyTermIndexUpdated(1, 4); // a metadata entry
    sm.notifyConfigurationChanged(1, 4, conf(List.of(b), List.of())); // index 4 is applied: ignored
    sm.notifyTermIndexUpdated(1, 4);

    assertThat(chain.memberships()).containsExactly(
        new FakeChain.Members(new AppliedIndex(1, 2), java.util.Set.of("0x" + a, "0x" + b, "0x" + c)),
        new FakeChain.Members(new AppliedIndex(1, 3), java.util.Set.of("0x" + a, "0x" + c)));
    assertThat(chain.lastApplied()).contains(new AppliedIndex(1, 3));
    assertThat(apply(1, 5, FakeChain.txEntry(List.of("u")))).isInstanceOf(EntryResult.TxsApplied.class);
    sm.notifyTermIndexUpdated(1, 7); // index 7 applied, in another term than the notification said
    assertThat(chain.memberships()).as("the out-of-order one was dropped").hasSize(2);
  }

  private static org.apache.ratis.proto.RaftProtos.RaftConfigurationProto conf(List<String> peers, List<String> old) {
    var b = org.apache.ratis.proto.RaftProtos.RaftConfigurationProto.newBuilder();
    peers.forEach(p -> b.addPeers(peer(p)));
    old.forEach(p -> b.addOldPeers(peer(p)));
    return b.build();
  }

  private static org.apache.ratis.proto.RaftProtos.RaftPeerProto peer(String id) {
    return org.apache.ratis.proto.RaftProtos.RaftPeerProto.newBuilder()
        .setId(ByteString.copyFromUtf8(id)).setAddress("127.0.0.1:1").build();
  }

  @Test
  void aServerClosingOnItsOwnAfterStartHaltsTheNodeButAClosedOwnerDoesNot() throws Exception {
    LogStateMachine before = new LogStateMachine("b", new FakeChain(), java.util.Optional.empty(), leadership,
        1 << 20, leader -> { });
    before.close(); // a start that failed: the start reports it
    assertThat(before.halted()).isNotDone();

    sm.watchForUnexpectedClose();
    sm.close(); // Ratis closed the server: its apply thread caught an error
    assertThat(sm.halted()).isCompletedWithValueMatching(t -> t.getMessage().contains("closed itself"));

    LogStateMachine owned = new LogStateMachine("o", new FakeChain(), java.util.Optional.empty(), leadership,
        1 << 20, leader -> { });
    owned.watchForUnexpectedClose();
    owned.expectClose();
    owned.close();
    assertThat(owned.halted()).isNotDone();
  }

  @Test
  void takeSnapshotWithoutAppliedEntriesTakesNone() throws Exception {
    assertThat(sm.takeSnapshot()).isEqualTo(-1);
  }

  @Test
  void entriesAtOrBelowTheDurableIndexAreNotAppliedAgain() throws Exception {
    apply(1, 5, FakeChain.txEntry(List.of("once")));
    EntryResult again = apply(1, 5, FakeChain.txEntry(List.of("once")));

    assertThat(again).isInstanceOf(EntryResult.Rejected.class);
    assertThat(chain.txs()).containsExactly("once");
  }

  @Test
  void aSnapshotMarkerFollowsASyncOfTheDatabase(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    org.apache.ratis.server.storage.RaftStorage storage = org.apache.ratis.server.storage.RaftStorage.newBuilder()
        .setDirectory(dir.toFile()).setOption(org.apache.ratis.server.storage.RaftStorage.StartupOption.FORMAT)
        .setStorageFreeSpaceMin(org.apache.ratis.util.SizeInBytes.ONE_MB).build();
    storage.initialize();
    sm.getStateMachineStorage().init(storage);
    apply(1, 5, FakeChain.txEntry(List.of("t")));
    assertThat(chain.syncs()).isZero();

    assertThat(sm.takeSnapshot()).isEqualTo(5);
    assertThat(chain.syncs()).as("the database is synced before the log may forget entry 5").isEqualTo(1);
    assertThat(sm.getStateMachineStorage().getLatestSnapshot().getIndex()).isEqualTo(5);
  }

  /**
   * Seed 1207: a restarted ex-leader applied its own uncommitted term-42 block at index 2002 (Ratis
   * raised its commit index into the tail the new leader's entries were about to replace), then Ratis
   * truncated that tail. The node kept running on a chain the group never had, every later block stale.
   */
  @Test
  void truncatingAnAppliedEntryHaltsTheNode() throws Exception {
    FakeBlock own = FakeChain.GENESIS.child("own-uncommitted");
    apply(42, 2001, FakeChain.txEntry(List.of("t")));
    assertThat(apply(42, 2002, own.encode())).isInstanceOf(EntryResult.BlockApplied.class);

    sm.truncate(2003).join();
    assertThat(sm.halted()).as("a tail beyond the applied entries may be replaced").isNotDone();

    sm.truncate(2002).join();
    assertThat(sm.halted()).as("halted, completed with the cause").isCompleted();
    assertThat(sm.halted().join()).hasMessageContaining("truncates its log from index 2002")
        .hasMessageContaining("applied entries through index 2002")
        .hasMessageContaining("diverged");
    assertThat(leadership.producingTerm()).isEmpty();
  }

  @Test
  void truncatingAnEntryBeingAppliedHaltsTheNode() throws Exception {
    chain.onApply(() -> {
      try {
        sm.truncate(7).join(); // Ratis replaces the tail while the apply thread is inside this entry
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    apply(3, 7, FakeChain.GENESIS.child("racing").encode());

    assertThat(sm.halted()).isDone();
    assertThat(sm.halted().join()).hasMessageContaining("truncates its log from index 7");
  }

  @Test
  void anEntryTheLogNoLongerHoldsIsNotAppliedAndHaltsTheNode() {
    FakeLog log = new FakeLog();
    sm.useLog(log);
    log.put(42, 2001);
    log.put(43, 2002); // the new leader's entry replaced this node's own term-42 proposal in the log
    byte[] ownProposal = FakeChain.GENESIS.child("own-uncommitted").encode();

    assertThatThrownBy(() -> apply(42, 2002, ownProposal)).hasMessageContaining("halted at Raft entry (t:42, i:2002)");
    assertThat(sm.halted().join()).hasMessageContaining("the log holds (t:43, i:2002) at that index");
    assertThat(chain.blocks()).containsExactly(FakeChain.GENESIS);
  }

  /**
   * The head block came from an entry the committed log no longer holds (the replacement happened out of
   * this process's sight): the next committed block is stale here, and the node halts rather than
   * rejecting every block of the group as stale forever.
   */
  @Test
  void aStaleBlockOnAHeadTheLogDoesNotHoldHaltsTheNode() throws Exception {
    FakeLog log = new FakeLog();
    sm.useLog(log);
    FakeBlock own = FakeChain.GENESIS.child("own-uncommitted");
    log.put(42, 2002);
    assertThat(apply(42, 2002, own.encode())).isInstanceOf(EntryResult.BlockApplied.class);
    log.put(43, 2002);
    log.put(43, 2004);

    assertThatThrownBy(() -> apply(43, 2004, FakeChain.GENESIS.child("committed").encode()))
        .hasMessageContaining("halted at Raft entry (t:43, i:2004)");
    assertThat(sm.halted().join()).hasMessageContaining("head block was applied from Raft entry (t:42, i:2002)")
        .hasMessageContaining("the committed log holds (t:43, i:2002)");
  }

  @Test
  void aLateProposalOnAHeadTheLogHoldsIsOnlyStale() throws Exception {
    FakeLog log = new FakeLog();
    sm.useLog(log);
    FakeBlock b1 = FakeChain.GENESIS.child("b1");
    log.put(5, 10);
    log.put(5, 11);
    apply(5, 10, b1.encode());

    assertThat(apply(5, 11, FakeChain.GENESIS.child("late").encode())).isInstanceOf(EntryResult.BlockStale.class);
    assertThat(sm.halted()).isNotDone();
  }

  @Test
  void aHeadFromAPurgedPartOfTheLogIsNotChecked() throws Exception {
    FakeLog log = new FakeLog();
    sm.useLog(log);
    log.put(5, 10);
    apply(5, 10, FakeChain.GENESIS.child("b1").encode());
    log.purgeBefore(11);
    log.put(6, 11);

    assertThat(apply(6, 11, FakeChain.GENESIS.child("late").encode())).isInstanceOf(EntryResult.BlockStale.class);
    assertThat(sm.halted()).isNotDone();
  }

  /** The Raft log's (term, index) pairs as the state machine reads them. */
  private static final class FakeLog implements LogStateMachine.LogLookup {
    private final java.util.Map<Long, TermIndex> entries = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long start;

    void put(long term, long index) {
      entries.put(index, TermIndex.valueOf(term, index));
    }

    void purgeBefore(long index) {
      entries.keySet().removeIf(i -> i < index);
      start = index;
    }

    @Override
    public TermIndex termIndexAt(long index) {
      return entries.get(index);
    }

    @Override
    public long startIndex() {
      return start;
    }
  }

  private EntryResult apply(long term, long index, byte[] data) throws Exception {
    ClientId client = someoneElse;
    LogEntryProto entry = LogEntryProto.newBuilder().setTerm(term).setIndex(index)
        .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder()
            .setLogData(ByteString.copyFrom(data))
            .setClientId(client.toByteString())
            .setCallId(index))
        .build();
    TransactionContext trx = TransactionContext.newBuilder()
        .setStateMachine(sm).setServerRole(RaftPeerRole.FOLLOWER).setLogEntry(entry).build();
    Message reply = sm.applyTransaction(trx).join();
    return EntryResultCodec.decode(reply.getContent().toByteArray());
  }
}
