package dev.raftseq.rpc.jsonrpc;

/**
 * A parameter value that cannot be decoded. {@link RpcParams} turns it into -32602
 * "invalid argument N: message", geth's wording.
 */
public final class InvalidParamException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidParamException(String message) {
    super(message, null, false, false);
  }
}
