package dev.raftseq.batcher.attest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.raftseq.batcher.prover.BatchJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The committee endpoint every consensus node serves so the batcher can gather signatures
 * ({@link HttpAttestationSource} is its client): {@code GET /attestations/v1/{n}} answers this
 * node's own signature of batch n ({@code {"batch_number", "commitment", "signer", "signature"}}),
 * 404 while batch n is not sealed here. Nothing else: no other path, no other method, no request
 * body read, so a stranger can do no more than read signatures, which are public anyway (L1 stores
 * them in its calldata) and authenticate themselves. It listens on the node's internal interface.
 */
public final class AttestationServer {
  private static final Logger LOG = LoggerFactory.getLogger(AttestationServer.class);

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final LongFunction<Optional<Attestation>> own;
  private HttpServer server;

  public AttestationServer(Vertx vertx, String host, int port, LongFunction<Optional<Attestation>> own) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.own = own;
  }

  /** Starts listening; completes with the bound port. */
  public Future<Integer> start() {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      if (ctx.request().method() != HttpMethod.GET) {
        error(ctx, 405, "only GET /attestations/v1/{n} is served here");
      } else {
        ctx.next();
      }
    });
    router.get("/attestations/v1/:n").handler(this::attestation);
    router.route().last().handler(ctx -> error(ctx, 404, "only GET /attestations/v1/{n} is served here"));
    // requests are a line and a few headers: refuse anything larger before it is buffered
    HttpServerOptions options = new HttpServerOptions().setMaxInitialLineLength(256).setMaxHeaderSize(4096);
    return vertx.createHttpServer(options).requestHandler(router).listen(port, host).map(s -> {
      server = s;
      LOG.info("attestations served on {}:{}", host, s.actualPort());
      return s.actualPort();
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void attestation(RoutingContext ctx) {
    String raw = ctx.pathParam("n");
    long n;
    try {
      n = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 0) {
      error(ctx, 400, "batch number must be a non-negative integer");
      return;
    }
    long number = n;
    own.apply(number).ifPresentOrElse(
        a -> ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
            .end(BatchJson.attestation(a).toString()),
        () -> error(ctx, 404, "batch " + number + " is not sealed on this node"));
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(JsonNodeFactory.instance.objectNode().put("error", message).toString());
  }
}
