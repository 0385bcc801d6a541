package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.AppliedIndex;
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
class BlockStateMachineTest {
  private final ClientId proposer = ClientId.randomId();
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
  private final BlockStateMachine sm = new BlockStateMachine("t", chain.applier(), java.util.Optional.empty(),
      leadership, proposer.toByteString(), 1 << 20);

  @Test
  void appliesBlocksAndBatchesInOrderAndRepliesWithTheOutcome() {
    FakeBlock b1 = FakeChain.GENESIS.child("b1");
    assertThat(apply(1, 1, EntryCodec.encodeBlock(b1.encode()), proposer).outcome())
        .isEqualTo(ApplyReply.Outcome.BLOCK_APPLIED);
    assertThat(apply(1, 2, EntryCodec.encodeBlock(FakeChain.GENESIS.child("late").encode()), someoneElse))
        .isEqualTo(new ApplyReply(ApplyReply.Outcome.BLOCK_REJECTED_STALE, "parent genesis is not head b1"));
    assertThat(apply(1, 3, EntryCodec.encodeBlock("junk".getBytes(StandardCharsets.UTF_8)), someoneElse).outcome())
        .isEqualTo(ApplyReply.Outcome.BLOCK_INVALID);
    assertThat(apply(2, 4, EntryCodec.encodeTxBatch(List.of(bytes("t1"), bytes("t2"))), someoneElse))
        .isEqualTo(new ApplyReply(ApplyReply.Outcome.TXS_ACCEPTED, "2"));

    assertThat(chain.blocks()).containsExactly(FakeChain.GENESIS, b1);
    assertThat(chain.txs()).containsExactly("t1", "t2");
    assertThat(chain.proposedHereIndices()).containsExactly(1L);
    assertThat(sm.getLastAppliedTermIndex()).isEqualTo(TermIndex.valueOf(2, 4));
  }

  @Test
  void corruptEntryIsSkippedButItsIndexRecorded() {
    ApplyReply reply = apply(1, 7, new byte[] {0x02, 0, 0, 0, 9}, someoneElse);

    assertThat(reply.outcome()).isEqualTo(ApplyReply.Outcome.ENTRY_CORRUPT);
    assertThat(chain.lastApplied()).contains(new AppliedIndex(1, 7));
    assertThat(chain.history()).containsExactly(new FakeChain.Applied(new AppliedIndex(1, 7), "skipped"));
    assertThat(sm.getLastAppliedTermIndex()).isEqualTo(TermIndex.valueOf(1, 7));
  }

  @Test
  void applierFailureHaltsInsteadOfContinuing() {
    chain.failOn("poison");
    byte[] entry = EntryCodec.encodeBlock(FakeChain.GENESIS.child("poison").encode());

    assertThatThrownBy(() -> apply(1, 1, entry, someoneElse))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("halted at Raft entry");
    assertThat(sm.halted()).isCompleted();
    assertThat(sm.getLastAppliedTermIndex().getIndex()).as("the failed entry does not count as applied").isNotEqualTo(1);
    assertThat(leadership.producingTerm()).isEmpty();
  }

  @Test
  void metadataEntriesMoveTheIndexButNeverBackwards() {
    apply(1, 5, EntryCodec.encodeTxBatch(List.of(bytes("t"))), someoneElse);
    sm.notifyTermIndexUpdated(1, 6);
    assertThat(sm.getLastAppliedTermIndex()).isEqualTo(TermIndex.valueOf(1, 6));
    sm.notifyTermIndexUpdated(1, 3);
    assertThat(sm.getLastAppliedTermIndex()).isEqualTo(TermIndex.valueOf(1, 6));
  }

  @Test
  void takeSnapshotWithoutAppliedEntriesTakesNone() throws Exception {
    assertThat(sm.takeSnapshot()).isEqualTo(-1);
  }

  @Test
  void entriesAtOrBelowTheDurableIndexAreNotAppliedAgain() {
    apply(1, 5, EntryCodec.encodeTxBatch(List.of(bytes("once"))), someoneElse);
    ApplyReply again = apply(1, 5, EntryCodec.encodeTxBatch(List.of(bytes("once"))), someoneElse);

    assertThat(again.outcome()).isEqualTo(ApplyReply.Outcome.ALREADY_APPLIED);
    assertThat(chain.txs()).containsExactly("once");
  }

  private ApplyReply apply(long term, long index, byte[] data, ClientId client) {
    LogEntryProto entry = LogEntryProto.newBuilder().setTerm(term).setIndex(index)
        .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder()
            .setLogData(ByteString.copyFrom(data))
            .setClientId(client.toByteString())
            .setCallId(index))
        .build();
    TransactionContext trx = TransactionContext.newBuilder()
        .setStateMachine(sm).setServerRole(RaftPeerRole.FOLLOWER).setLogEntry(entry).build();
    Message reply = sm.applyTransaction(trx).join();
    return ApplyReply.decode(reply.getContent().toByteArray());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
