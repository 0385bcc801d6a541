package dev.raftseq.rpc.server;

import dev.raftseq.rpc.jsonrpc.JsonRpcProcessor;
import dev.raftseq.rpc.jsonrpc.RpcSession;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * POST "/": the body is one JSON-RPC message; the answer is 200 with the response document, or
 * 200 with an empty body when the message held only notifications. Oversize, slow or over-budget
 * bodies never get here ({@link BoundedBodyHandler} answers them).
 */
public final class HttpRpcHandler implements Handler<RoutingContext> {
  private final JsonRpcProcessor processor;
  private final RpcSession session;

  public HttpRpcHandler(JsonRpcProcessor processor, RpcSession session) {
    this.processor = processor;
    this.session = session;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Buffer body = ctx.get(BoundedBodyHandler.BODY);
    byte[] bytes = body == null ? new byte[0] : body.getBytes();
    Context context = Vertx.currentContext();
    processor.handle(bytes, session).thenAccept(answer -> context.runOnContext(v -> respond(ctx.response(), answer)));
  }

  private static void respond(HttpServerResponse response, Optional<byte[]> answer) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (answer.isEmpty()) {
      response.setStatusCode(200).end();
      return;
    }
    response.setStatusCode(200).putHeader("Content-Type", "application/json").end(Buffer.buffer(answer.get()));
  }
}
