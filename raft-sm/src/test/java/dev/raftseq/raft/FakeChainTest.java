package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.raft.FakeChain.FakeBlock;
import org.junit.jupiter.api.Test;

/** The fake must itself be right, or the cluster tests prove nothing. */
class FakeChainTest {

  @Test
  void extendsHeadAndRejectsBlocksOnAnOldHead() {
    FakeChain chain = new FakeChain();
    FakeBlock b1 = FakeChain.GENESIS.child("b1");
    FakeBlock rival = FakeChain.GENESIS.child("rival");

    assertThat(chain.applyBlock(b1.encode(), new AppliedIndex(1, 1), false).status())
        .isEqualTo(BlockApplyResult.Status.APPLIED);
    assertThat(chain.applyBlock(rival.encode(), new AppliedIndex(1, 2), false).status())
        .isEqualTo(BlockApplyResult.Status.REJECTED_STALE);
    assertThat(chain.applyBlock("junk".getBytes(), new AppliedIndex(1, 3), false).status())
        .isEqualTo(BlockApplyResult.Status.INVALID);

    assertThat(chain.blocks()).containsExactly(FakeChain.GENESIS, b1);
    assertThat(chain.lastApplied()).contains(new AppliedIndex(1, 3));
  }

  @Test
  void refusesToApplyAnIndexTwice() {
    FakeChain chain = new FakeChain();
    chain.applyBlock(FakeChain.GENESIS.child("b1").encode(), new AppliedIndex(1, 5), false);

    assertThatThrownBy(() -> chain.markApplied(new AppliedIndex(1, 5))).hasMessageContaining("applied twice");
    assertThatThrownBy(() -> chain.markApplied(new AppliedIndex(1, 4))).hasMessageContaining("applied twice");
  }

  @Test
  void injectedDivergenceThrows() {
    FakeChain chain = new FakeChain();
    chain.failOn("bad");

    assertThatThrownBy(() -> chain.applyBlock(FakeChain.GENESIS.child("bad").encode(), new AppliedIndex(1, 1), false))
        .isInstanceOf(IllegalStateException.class);
  }
}
