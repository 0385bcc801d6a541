package dev.raftseq.producer;

/**
 * This node cannot reach the result the rest of the group reaches for a committed entry (a block
 * sealed by a member that does not verify here, a reference to a transaction this node does not
 * hold). Thrown out of the apply path so the consensus layer stops the node instead of letting it
 * fork.
 */
public final class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DivergenceException(String message) {
    super(message);
  }

  public DivergenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
