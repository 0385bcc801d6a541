package dev.raftseq.rpc.jsonrpc;

/** Thrown by a method (or a parameter reader) to answer with a JSON-RPC error instead of a result. */
public final class RpcException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient RpcError error;

  public RpcException(RpcError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public RpcError error() {
    return error;
  }
}
