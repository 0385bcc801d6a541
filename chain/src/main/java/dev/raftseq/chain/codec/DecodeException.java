package dev.raftseq.chain.codec;

/** Bytes from outside that are not a valid encoding; the message says what is wrong. */
public class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public DecodeException(String message) {
    super(message);
  }
}
