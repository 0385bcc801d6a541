package dev.raftseq.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.rpc.EthBackend;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcMethod;
import dev.raftseq.rpc.jsonrpc.RpcParams;
import dev.raftseq.rpc.jsonrpc.RpcSession;
import dev.raftseq.rpc.params.HexParams;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * eth_sendRawTransaction(bytes): the hash once the backend accepted the transaction. Decoding
 * and pool errors are -32000 with their geth texts; the answer waits for the backend's future
 * without holding a thread.
 */
public final class EthSendRawTransaction implements RpcMethod {
  private final EthBackend backend;

  public EthSendRawTransaction(EthBackend backend) {
    this.backend = backend;
  }

  @Override
  public String name() {
    return "eth_sendRawTransaction";
  }

  @Override
  public int maxParams() {
    return 1;
  }

  @Override
  public CompletionStage<JsonNode> execute(RpcParams params, RpcSession session) throws RpcException {
    byte[] raw = params.required(0, HexParams.BYTES);
    CompletableFuture<Hash> submitted = backend.sendRawTransaction(raw);
    return submitted.handle(
        (hash, failure) -> {
          if (failure != null) {
            throw new CompletionException(translate(failure));
          }
          return TextNode.valueOf(hash.toHex());
        });
  }

  private static Throwable translate(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof TxRejectedException || cause instanceof DecodeException) {
      String message = cause.getMessage() == null || cause.getMessage().isEmpty()
          ? "invalid transaction" : cause.getMessage();
      return RpcError.server(message).toException();
    }
    return cause;
  }
}
