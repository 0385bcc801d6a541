package dev.raftseq.producer.consensus;

import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RawTx;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's position in the consensus log and everything the log put into its database besides the
 * blocks: taken atomically with respect to the apply path, so the committed set and members are
 * exactly those of {@code applied} with the chain at {@code headNumber}. A follower whose log was
 * purged past its position fetches the blocks up to the head, then installs the rest.
 *
 * @param applied the last log entry applied
 * @param members the consensus members recorded at {@code applied}, if the log named any
 * @param committed the committed set (transactions committed through consensus, not yet included), in commit order
 */
public record CommittedCheckpoint(AppliedIndex applied, long headNumber, Hash headHash,
    Optional<List<String>> members, List<RawTx> committed) {
  public CommittedCheckpoint {
    Objects.requireNonNull(applied, "applied");
    Objects.requireNonNull(headHash, "headHash");
    members = members.map(List::copyOf);
    committed = List.copyOf(committed);
  }
}
