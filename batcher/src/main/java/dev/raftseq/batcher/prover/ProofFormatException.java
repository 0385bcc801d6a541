package dev.raftseq.batcher.prover;

/** A proof submission that is not a well-formed proof document (HTTP 400). */
public final class ProofFormatException extends Exception {
  public ProofFormatException(String message) {
    super(message);
  }
}
