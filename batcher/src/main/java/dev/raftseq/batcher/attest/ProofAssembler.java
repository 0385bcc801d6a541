package dev.raftseq.batcher.attest;

import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.chain.types.Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns candidate signatures into a proof: keeps only valid signatures, of this batch's commitment,
 * by committee members, one per member; with a quorum of them, returns exactly a quorum (fewer
 * signatures cost less gas on L1) in committee order. Pure.
 */
public final class ProofAssembler {
  private final Committee committee;

  public ProofAssembler(Committee committee) {
    this.committee = committee;
  }

  public Committee committee() {
    return committee;
  }

  /** The valid attestations of {@code batch} among {@code candidates}, one per member, in committee order. */
  public List<Attestation> valid(Batch batch, Collection<Attestation> candidates) {
    Map<Address, Attestation> bySigner = new LinkedHashMap<>();
    for (Attestation a : candidates) {
      if (a.batchNumber() == batch.number() && a.commitment().equals(batch.commitment())
          && committee.contains(a.signer()) && !bySigner.containsKey(a.signer()) && a.isValid()) {
        bySigner.put(a.signer(), a);
      }
    }
    List<Attestation> out = new ArrayList<>(bySigner.values());
    out.sort(Comparator.comparingInt(a -> committee.indexOf(a.signer())));
    return out;
  }

  /** A proof when the candidates hold a quorum of valid signatures. */
  public Optional<CommitteeProof> assemble(Batch batch, Collection<Attestation> candidates) {
    List<Attestation> valid = valid(batch, candidates);
    if (valid.size() < committee.quorum()) {
      return Optional.empty();
    }
    return Optional.of(new CommitteeProof(batch.number(), batch.commitment(), valid.subList(0, committee.quorum())));
  }
}
