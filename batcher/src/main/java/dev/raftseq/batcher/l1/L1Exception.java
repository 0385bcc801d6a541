package dev.raftseq.batcher.l1;

/** The L1 could not be asked (unreachable, timed out, answered an error). The batcher retries with backoff. */
public class L1Exception extends RuntimeException {
  public L1Exception(String message) {
    super(message);
  }

  public L1Exception(String message, Throwable cause) {
    super(message, cause);
  }
}
