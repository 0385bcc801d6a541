package dev.raftseq.batcher.attest;

import dev.raftseq.chain.types.Hash;
import java.util.List;

/**
 * Proof of batch {@code batchNumber} today: signatures of a quorum of distinct committee members
 * over its commitment, in committee order. This is what {@code proveBatch(batchNumber, signatures)}
 * takes on L1. Build through {@link ProofAssembler}, which verifies every signature.
 */
public record CommitteeProof(long batchNumber, Hash commitment, List<Attestation> attestations) {
  public CommitteeProof {
    attestations = List.copyOf(attestations);
  }

  /** The 65-byte signatures, as the contract takes them. */
  public List<byte[]> signatures() {
    return attestations.stream().map(Attestation::signature).toList();
  }
}
