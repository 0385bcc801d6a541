package dev.raftseq.batcher.attest;

import dev.raftseq.batcher.batch.Batch;
import dev.raftseq.batcher.batch.BatchCommitment;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Signs, with this node's key, the commitment of batches this node has sealed from its own applied
 * chain. Signing is deterministic (RFC 6979) and done on request, so nothing is stored: after a
 * restart the same batches give the same signatures.
 */
public final class Attester {
  private final NodeKey key;
  private final LongFunction<Optional<Batch>> sealedBatches;

  /** @param sealedBatches this node's sealed batch by number (e.g. {@code BatchTracker::batch}) */
  public Attester(NodeKey key, LongFunction<Optional<Batch>> sealedBatches) {
    this.key = key;
    this.sealedBatches = sealedBatches;
  }

  /** This node's signature of batch {@code number}, if it has sealed that batch (batch 0 is not signed). */
  public Optional<Attestation> attestation(long number) {
    return number < 1 ? Optional.empty() : sealedBatches.apply(number).map(this::sign);
  }

  public Attestation sign(Batch batch) {
    byte[] sig = Secp256k1.sign(BatchCommitment.signingDigest(batch.commitment()), key.privateKey());
    sig[64] += 27;
    return new Attestation(batch.number(), batch.commitment(), key.address(), sig);
  }

  public NodeKey key() {
    return key;
  }
}
