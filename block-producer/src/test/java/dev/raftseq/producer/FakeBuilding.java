package dev.raftseq.producer;

import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.exec.RejectedTx;
import dev.raftseq.chain.exec.TxCandidates;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.state.PreparedState;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.StateView;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.Wei;
import dev.raftseq.producer.testing.Blocks;
import dev.raftseq.producer.testing.FakeState;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes transfers on a {@link FakeState} the way the real builder's rules go: nonce must be the
 * account's, the transaction must fit the block's gas and the sender's balance. Tests can force a
 * rejection reason for a given transaction.
 */
final class FakeBuilding implements BlockBuilding {
  private record FakePrepared(Hash parentRoot, Hash root) implements PreparedState {
    @Override
    public StateDiff diff() {
      return StateDiff.EMPTY;
    }
  }

  private final Map<BuiltBlock, FakeState> builtStates = new IdentityHashMap<>();
  private final Map<Hash, FakeState> sealedStates = new HashMap<>();
  private final Map<Hash, TxRejection> forcedRejections = new HashMap<>();
  private Runnable duringBuild = () -> {};
  private int builds;
  private boolean offerNothing;

  /** While on, builds ignore the candidates, as when none of them can pay the base fee. */
  void offerNothing(boolean on) {
    offerNothing = on;
  }

  void rejectAlways(RecoveredTx tx, TxRejection reason) {
    forcedRejections.put(tx.hash(), reason);
  }

  /** Runs inside each build, e.g. to take leadership away while building. */
  void duringBuild(Runnable action) {
    duringBuild = action;
  }

  int builds() {
    return builds;
  }

  /** The post-state of a block sealed here. */
  FakeState stateAfter(Block block) {
    return sealedStates.get(block.hash());
  }

  @Override
  public BuiltBlock build(
      Header parent, StateView parentState, BlockContext context, TxCandidates candidates, int maxTransactions) {
    builds++;
    duringBuild.run();
    FakeState state = ((FakeState) parentState).copy();
    List<RecoveredTx> included = new ArrayList<>();
    List<RejectedTx> rejected = new ArrayList<>();
    List<RejectedTx> deferred = new ArrayList<>();
    long gasUsed = 0;
    BigInteger fee = context.baseFee().value();
    for (RecoveredTx r = offerNothing ? null : candidates.next(); r != null && included.size() < maxTransactions;
        r = candidates.next()) {
      Transaction tx = r.tx();
      long expected = state.nonce(r.sender());
      TxRejection forced = forcedRejections.get(r.hash());
      if (forced != null) {
        rejected.add(new RejectedTx(r, forced, "forced by test"));
        candidates.skipSender(r.sender());
      } else if (tx.nonce() != expected) {
        TxRejection why = tx.nonce() < expected ? TxRejection.NONCE_TOO_LOW : TxRejection.NONCE_TOO_HIGH;
        rejected.add(new RejectedTx(r, why, "tx: " + tx.nonce() + " state: " + expected));
        candidates.skipSender(r.sender());
      } else if (gasUsed + tx.gasLimit() > context.gasLimit()) {
        deferred.add(new RejectedTx(r, TxRejection.GAS_LIMIT, "block gas left " + (context.gasLimit() - gasUsed)));
        candidates.skipSender(r.sender());
      } else {
        BigInteger price = tx.effectiveGasPrice(context.baseFee()).value();
        BigInteger cost = price.multiply(BigInteger.valueOf(tx.gasLimit())).add(tx.value().value());
        BigInteger balance = state.accountOrEmpty(r.sender()).balance().value();
        if (balance.compareTo(cost) < 0 || tx.maxFeePerGas().value().compareTo(fee) < 0) {
          rejected.add(new RejectedTx(r, TxRejection.INSUFFICIENT_FUNDS, "balance " + balance));
          candidates.skipSender(r.sender());
          continue;
        }
        state.setBalance(r.sender(), Wei.of(balance.subtract(cost)));
        state.setNonce(r.sender(), expected + 1);
        Wei toBalance = state.accountOrEmpty(tx.to()).balance();
        state.setBalance(tx.to(), toBalance.add(tx.value()));
        gasUsed += tx.gasLimit();
        included.add(r);
      }
    }
    BuiltBlock built =
        new BuiltBlock(context, included, List.of(), new FakePrepared(parentState.root(), state.root()), gasUsed, rejected,
            deferred);
    builtStates.put(built, state);
    return built;
  }

  @Override
  public Block seal(BuiltBlock built, Header parent, long term) {
    BlockContext c = built.context();
    FakeState state = builtStates.remove(built);
    Header header =
        Blocks.header(c.parentHash(), c.number(), state.root(), c.gasLimit(), built.gasUsed(), c.timestampMillis(), term,
            c.baseFee());
    Block block = Blocks.block(header, built.included());
    sealedStates.put(block.hash(), state);
    return block;
  }
}
