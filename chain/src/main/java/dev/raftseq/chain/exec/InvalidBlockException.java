package dev.raftseq.chain.exec;

/** A block that must not be applied; the message says why. Deterministic for a given block and parent. */
public class InvalidBlockException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidBlockException(String message) {
    super(message);
  }
}
