package dev.raftseq.chain.store;

/** The database failed (I/O error, corruption). The node cannot continue safely. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
