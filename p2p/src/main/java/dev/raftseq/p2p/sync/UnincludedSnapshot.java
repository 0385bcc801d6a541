package dev.raftseq.p2p.sync;

import dev.raftseq.chain.types.Hash;
import java.util.List;

/**
 * Transactions committed through consensus but not in a block as of head {@code headNumber}
 * ({@code headHash}), in commit order: what a follower whose Raft log was purged must add to
 * its pool after fetching the blocks up to that head.
 */
public record UnincludedSnapshot(long headNumber, Hash headHash, List<ZksMessage.CommittedTx> txs) {
  public UnincludedSnapshot {
    txs = List.copyOf(txs);
  }
}
