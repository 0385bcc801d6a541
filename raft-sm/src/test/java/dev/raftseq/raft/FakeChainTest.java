package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.producer.consensus.EntryResult;
import dev.raftseq.raft.FakeChain.FakeBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake must itself be right, or the cluster tests prove nothing. */
class FakeChainTest {

  @Test
  void extendsHeadAndRejectsBlocksOnAnOldHead() {
    FakeChain chain = new FakeChain();
    FakeBlock b1 = FakeChain.GENESIS.child("b1");
    FakeBlock rival = FakeChain.GENESIS.child("rival");

    assertThat(chain.apply(new AppliedIndex(1, 1), b1.encode())).isInstanceOf(EntryResult.BlockApplied.class);
    assertThat(chain.apply(new AppliedIndex(1, 2), rival.encode())).isInstanceOf(EntryResult.BlockStale.class);
    assertThat(chain.apply(new AppliedIndex(1, 3), "Bjunk".getBytes())).isInstanceOf(EntryResult.Rejected.class);
    assertThat(chain.apply(new AppliedIndex(1, 4), FakeChain.txEntry(List.of("t1", "t2"))))
        .isEqualTo(new EntryResult.TxsApplied(List.of(dev.raftseq.producer.consensus.TxOutcome.ACCEPTED,
            dev.raftseq.producer.consensus.TxOutcome.ACCEPTED)));

    assertThat(chain.blocks()).containsExactly(FakeChain.GENESIS, b1);
    assertThat(chain.txs()).containsExactly("t1", "t2");
    assertThat(chain.lastApplied()).contains(new AppliedIndex(1, 4));
  }

  @Test
  void refusesToApplyAnIndexTwice() {
    FakeChain chain = new FakeChain();
    chain.apply(new AppliedIndex(1, 5), FakeChain.GENESIS.child("b1").encode());

    assertThatThrownBy(() -> chain.apply(new AppliedIndex(1, 5), FakeChain.txEntry(List.of("x"))))
        .hasMessageContaining("applied twice");
    assertThatThrownBy(() -> chain.apply(new AppliedIndex(1, 4), FakeChain.txEntry(List.of("x"))))
        .hasMessageContaining("applied twice");
  }

  @Test
  void injectedDivergenceThrows() {
    FakeChain chain = new FakeChain();
    chain.failOn("bad");

    assertThatThrownBy(() -> chain.apply(new AppliedIndex(1, 1), FakeChain.GENESIS.child("bad").encode()))
        .isInstanceOf(IllegalStateException.class);
  }
}
