package dev.raftseq.batcher.prover;

import dev.raftseq.batcher.batch.Batch;
import java.util.Optional;

/** What the prover API serves and where proofs go (the batcher service implements it). */
public interface ProverBackend {
  /** The lowest sealed batch that L1 has not verified and no proof is held for; empty when none. */
  Optional<Batch> nextUnproven();

  Optional<Batch> batch(long number);

  /** The highest batch L1 has verified, when known. */
  Optional<Long> lastVerified();

  /**
   * Takes a proof of {@code number}.
   *
   * @return empty when accepted, else why not
   */
  Optional<String> submit(long number, ProofDocument proof);
}
