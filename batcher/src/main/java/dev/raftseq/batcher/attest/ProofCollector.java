package dev.raftseq.batcher.attest;

import dev.raftseq.batcher.batch.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongFunction;

/**
 * Proofs of this node's sealed batches: one submitted through the prover API, or else one assembled
 * from this node's own signature plus the committee's, fetched from an {@link AttestationSource}.
 * Kept in memory only (a restart gathers them again); {@link #forgetUpTo} drops those L1 has.
 */
public final class ProofCollector {
  private final ProofAssembler assembler;
  private final Attester self;
  private final AttestationSource peers;
  private final LongFunction<Optional<Batch>> batches;
  private final ConcurrentNavigableMap<Long, CommitteeProof> proofs = new ConcurrentSkipListMap<>();
  /** Valid signatures gathered so far per batch, so a retry asks only for what is missing. */
  private final ConcurrentHashMap<Long, List<Attestation>> partial = new ConcurrentHashMap<>();

  public ProofCollector(ProofAssembler assembler, Attester self, AttestationSource peers, LongFunction<Optional<Batch>> batches) {
    this.assembler = assembler;
    this.self = self;
    this.peers = peers;
    this.batches = batches;
  }

  public ProofAssembler assembler() {
    return assembler;
  }

  /** A proof of batch n: the one held, or one gathered now (empty without a quorum). */
  public Optional<CommitteeProof> proof(long n) {
    CommitteeProof held = proofs.get(n);
    if (held != null) {
      return Optional.of(held);
    }
    Optional<Batch> batch = batches.apply(n);
    if (batch.isEmpty()) {
      return Optional.empty();
    }
    List<Attestation> candidates = new ArrayList<>(partial.getOrDefault(n, List.of()));
    if (assembler.committee().contains(self.key().address())) {
      candidates.add(self.sign(batch.get()));
    }
    if (assembler.valid(batch.get(), candidates).size() < assembler.committee().quorum()) {
      candidates.addAll(peers.fetch(n));
    }
    Optional<CommitteeProof> proof = assembler.assemble(batch.get(), candidates);
    if (proof.isPresent()) {
      proofs.put(n, proof.get());
      partial.remove(n);
    } else {
      partial.put(n, assembler.valid(batch.get(), candidates));
    }
    return proof;
  }

  /** The proof held for batch n, without gathering. */
  public Optional<CommitteeProof> held(long n) {
    return Optional.ofNullable(proofs.get(n));
  }

  /**
   * Accepts a proof from outside (the prover API) after checking it against this node's batch.
   *
   * @return the reason it was refused, or empty when accepted
   */
  public Optional<String> submit(long n, List<Attestation> signatures) {
    Optional<Batch> batch = batches.apply(n);
    if (batch.isEmpty()) {
      return Optional.of("batch " + n + " is not sealed on this node");
    }
    Optional<CommitteeProof> proof = assembler.assemble(batch.get(), signatures);
    if (proof.isEmpty()) {
      int valid = assembler.valid(batch.get(), signatures).size();
      return Optional.of("only " + valid + " valid committee signatures of batch " + n + "'s commitment "
          + batch.get().commitment() + "; " + assembler.committee().quorum() + " are needed");
    }
    proofs.putIfAbsent(n, proof.get());
    return Optional.empty();
  }

  public void forgetUpTo(long n) {
    proofs.headMap(n, true).clear();
    partial.keySet().removeIf(k -> k <= n);
  }
}
