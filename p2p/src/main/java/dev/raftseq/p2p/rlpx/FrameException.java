package dev.raftseq.p2p.rlpx;

/** An ingress frame whose MAC does not verify or whose size exceeds the limit: the connection is dropped. */
public final class FrameException extends Exception {
  private static final long serialVersionUID = 1L;

  public FrameException(String message) {
    super(message);
  }
}
