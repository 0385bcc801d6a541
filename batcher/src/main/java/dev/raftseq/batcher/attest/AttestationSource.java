package dev.raftseq.batcher.attest;

import java.util.List;

/**
 * Where the batcher gets other committee members' signatures of a batch. The transport is the
 * implementation's business (p2p, an internal endpoint, in-process for tests).
 *
 * <p>Promises little: it may return nothing, some members' signatures, signatures of another
 * commitment (a peer that sealed differently or lies) or garbage. The caller verifies every
 * signature against its own batch and the committee ({@link ProofAssembler}), so a source needs no
 * trust. It must return within its own timeout and must not throw for a peer's failure.
 */
@FunctionalInterface
public interface AttestationSource {
  List<Attestation> fetch(long batchNumber);

  AttestationSource NONE = n -> List.of();
}
