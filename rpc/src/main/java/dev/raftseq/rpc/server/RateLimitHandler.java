package dev.raftseq.rpc.server;

import dev.raftseq.rpc.jsonrpc.JsonRpcProcessor;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Refuses a client over its request rate before its body is read: HTTP 429 with Retry-After and a
 * JSON-RPC error -32005 "rate limit exceeded" (a batch counts as one request; max_batch_size bounds
 * its calls). Clients are told apart by their remote address.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {
  static final RpcError LIMITED = RpcError.limitExceeded("rate limit exceeded");

  private final ClientRateLimiter limiter;
  private final RpcJson json;

  public RateLimitHandler(ClientRateLimiter limiter, RpcJson json) {
    this.limiter = limiter;
    this.json = json;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String client = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
    if (limiter.tryAcquire(client)) {
      ctx.next();
      return;
    }
    ctx.response().setStatusCode(429).putHeader("Retry-After", "1").putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(json.write(JsonRpcProcessor.errorResponse(NullNode.getInstance(), LIMITED))));
  }
}
