package dev.raftseq.bench.loadgen;

/** A JSON-RPC call failed; the message says how, in words fit for an error table. */
public final class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RpcException(String message) {
    super(message);
  }
}
