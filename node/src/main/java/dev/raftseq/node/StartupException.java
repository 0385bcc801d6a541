package dev.raftseq.node;

/** The node cannot start; the message tells the operator why and what to change. */
public class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
