package dev.raftseq.rpc.jsonrpc;

/** JSON-RPC error codes this server answers with (JSON-RPC 2.0 plus Ethereum's conventions). */
public enum RpcErrorCode {
  PARSE_ERROR(-32700),
  INVALID_REQUEST(-32600),
  METHOD_NOT_FOUND(-32601),
  INVALID_PARAMS(-32602),
  INTERNAL_ERROR(-32603),
  /** Ethereum's generic server error: pool rejections, unknown blocks, unsupported calls. */
  SERVER_ERROR(-32000),
  /** geth: a call not answered within the request timeout ("request timed out"). */
  TIMEOUT(-32002),
  /** geth: a response (or a batch's responses together) over the size limit ("response too large"). */
  RESPONSE_TOO_LARGE(-32003),
  /** EIP-1474's "limit exceeded": too many log results, or a client over its request rate. */
  LIMIT_EXCEEDED(-32005),
  /** EVM execution reverted (eth_call / eth_estimateGas); reserved until contracts execute. */
  EXECUTION_REVERTED(3);

  private final int code;

  RpcErrorCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
