package dev.raftseq.producer;

import dev.raftseq.chain.exec.BaseFee;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.mempool.TxPool;
import dev.raftseq.producer.testing.Blocks;
import dev.raftseq.producer.testing.FakeState;
import java.util.ArrayList;
import java.util.List;

/**
 * The applied chain: verifies what it applies (parent, consecutive sender nonces) the way the
 * state machine would, and tells the pool, as the apply path does.
 */
final class FakeChain implements ChainView {
  static final Wei GENESIS_BASE_FEE = Wei.of(10);

  private final List<Block> blocks = new ArrayList<>();
  private final List<FakeState> states = new ArrayList<>();
  private final TxPool pool;
  private ChainView.Head override;

  /** Genesis at {@code genesisMillis} (whole seconds, as genesis headers carry only seconds). */
  FakeChain(FakeState genesisState, long genesisMillis, long gasLimit, TxPool pool) {
    this.pool = pool;
    blocks.add(Blocks.block(
        Blocks.header(Hash.ZERO, 0, genesisState.root(), gasLimit, 0, genesisMillis, 0, GENESIS_BASE_FEE), List.of()));
    states.add(genesisState);
  }

  @Override
  public Head head() {
    return override != null ? override : new Head(headBlock(), headState());
  }

  /** Makes {@link #head()} return this instead (e.g. a state that does not match its block). */
  void overrideHead(Head head) {
    override = head;
  }

  Block headBlock() {
    return blocks.get(blocks.size() - 1);
  }

  FakeState headState() {
    return states.get(states.size() - 1);
  }

  List<Block> blocks() {
    return List.copyOf(blocks);
  }

  /** Applies {@code block} with post-state {@code after} if it extends the head; false if stale. */
  boolean apply(Block block, FakeState after) {
    Block head = headBlock();
    if (!block.header().parentHash().equals(head.hash()) || block.number() != head.number() + 1) {
      return false;
    }
    FakeState check = headState().copy();
    for (RecoveredTx t : block.transactions()) {
      long expected = check.nonce(t.sender());
      if (t.tx().nonce() != expected) {
        throw new AssertionError("block " + block.number() + " has " + t + " but the account nonce is " + expected);
      }
      check.setNonce(t.sender(), expected + 1);
    }
    blocks.add(block);
    states.add(after);
    pool.onBlockApplied(block, after);
    return true;
  }

  /** Another leader's empty block on the current head. */
  Block applyForeignEmptyBlock(long timestampMillis) {
    Block head = headBlock();
    FakeState state = headState().copy();
    Block block = Blocks.block(
        Blocks.header(head.hash(), head.number() + 1, state.root(), head.header().gasLimit(), 0, timestampMillis, 99,
            BaseFee.next(head.header())),
        List.of());
    if (!apply(block, state)) {
      throw new AssertionError("foreign block did not apply");
    }
    return block;
  }
}
