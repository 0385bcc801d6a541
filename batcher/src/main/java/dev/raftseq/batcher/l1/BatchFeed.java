package dev.raftseq.batcher.l1;

import dev.raftseq.batcher.attest.CommitteeProof;
import dev.raftseq.batcher.batch.Batch;
import java.util.Optional;

/** What the submitter settles: this node's sealed batches and their proofs. */
public interface BatchFeed {
  /** The highest sealed batch number (0: none yet). */
  long lastSealed();

  Optional<Batch> batch(long number);

  /** A proof of batch {@code number}, if one can be had now (gathering it may take a moment). */
  Optional<CommitteeProof> proof(long number);
}
