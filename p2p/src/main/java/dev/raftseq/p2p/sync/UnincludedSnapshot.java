package dev.raftseq.p2p.sync;

import dev.raftseq.chain.types.Hash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Transactions committed through consensus but not in a block as of head {@code headNumber}
 * ({@code headHash}), in commit order: what a follower whose Raft log was purged must add to
 * its pool after fetching the blocks up to that head. {@code complete} when no transaction was left
 * out for the answer's limits; {@code position} is the responder's consensus log position at that
 * moment (empty on a node without consensus).
 */
public record UnincludedSnapshot(long headNumber, Hash headHash, List<ZksMessage.CommittedTx> txs, boolean complete,
    Optional<ZksMessage.LogPosition> position) {
  public UnincludedSnapshot {
    txs = List.copyOf(txs);
    Objects.requireNonNull(position);
  }

  public UnincludedSnapshot(long headNumber, Hash headHash, List<ZksMessage.CommittedTx> txs) {
    this(headNumber, headHash, txs, true, Optional.empty());
  }
}
