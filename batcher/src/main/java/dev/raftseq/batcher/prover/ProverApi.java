package dev.raftseq.batcher.prover;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.batcher.attest.Attestation;
import dev.raftseq.batcher.batch.Batch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prover API (PROVER_API_ADDRESS, default 0.0.0.0:3124), over Vert.x Web:
 *
 * <ul>
 *   <li>{@code GET /prover/v1/batches/next}: 200 with the next batch that needs a proof (see
 *       {@link BatchJson#batch}), 204 when none does;
 *   <li>{@code GET /prover/v1/batches/{n}}: 200 with batch n, 404 if it is not sealed here;
 *   <li>{@code POST /prover/v1/batches/{n}/proof} with a {@link ProofDocument}: 202 accepted, 400 for
 *       a malformed document or a proof that does not verify, 404 for an unknown batch, 409 when
 *       L1 has already verified batch n;
 *   <li>{@code GET /attestations/v1/{n}}: this node's own signature of batch n (404 if not sealed).
 * </ul>
 *
 * Errors are {@code {"error": "..."}}.
 */
public final class ProverApi {
  private static final Logger LOG = LoggerFactory.getLogger(ProverApi.class);

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final ProverBackend backend;
  private final LongFunction<Optional<Attestation>> ownAttestation;
  private HttpServer server;

  public ProverApi(Vertx vertx, String host, int port, ProverBackend backend,
      LongFunction<Optional<Attestation>> ownAttestation) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.backend = backend;
    this.ownAttestation = ownAttestation;
  }

  /** Starts listening; completes with the bound port. */
  public Future<Integer> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(ProofDocument.MAX_BYTES));
    router.get("/prover/v1/batches/next").handler(this::next);
    router.get("/prover/v1/batches/:n").handler(this::batch);
    router.post("/prover/v1/batches/:n/proof").handler(this::proof);
    router.get("/attestations/v1/:n").handler(this::attestation);
    return vertx.createHttpServer().requestHandler(router).listen(port, host).map(s -> {
      server = s;
      LOG.info("prover API listening on {}:{}", host, s.actualPort());
      return s.actualPort();
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void next(RoutingContext ctx) {
    Optional<Batch> b = backend.nextUnproven();
    if (b.isEmpty()) {
      ctx.response().setStatusCode(204).end();
    } else {
      json(ctx, 200, BatchJson.batch(b.get()));
    }
  }

  private void batch(RoutingContext ctx) {
    Optional<Long> n = number(ctx);
    if (n.isEmpty()) {
      return;
    }
    backend.batch(n.get()).ifPresentOrElse(b -> json(ctx, 200, BatchJson.batch(b)),
        () -> error(ctx, 404, "batch " + n.get() + " is not sealed on this node"));
  }

  private void attestation(RoutingContext ctx) {
    Optional<Long> n = number(ctx);
    if (n.isEmpty()) {
      return;
    }
    ownAttestation.apply(n.get()).ifPresentOrElse(a -> json(ctx, 200, BatchJson.attestation(a)),
        () -> error(ctx, 404, "batch " + n.get() + " is not sealed on this node"));
  }

  private void proof(RoutingContext ctx) {
    Optional<Long> n = number(ctx);
    if (n.isEmpty()) {
      return;
    }
    ProofDocument doc;
    try {
      doc = ProofDocument.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    } catch (ProofFormatException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    if (doc.batchNumber() != n.get()) {
      error(ctx, 400, "the document proves batch " + doc.batchNumber() + ", posted to batch " + n.get());
      return;
    }
    Optional<Batch> batch = backend.batch(n.get());
    if (batch.isEmpty()) {
      error(ctx, 404, "batch " + n.get() + " is not sealed on this node");
      return;
    }
    if (backend.lastVerified().map(v -> v >= n.get()).orElse(false)) {
      error(ctx, 409, "batch " + n.get() + " is already proven on L1");
      return;
    }
    if (!doc.commitment().equals(batch.get().commitment())) {
      error(ctx, 400, "the proof is for commitment " + doc.commitment() + ", batch " + n.get() + " has "
          + batch.get().commitment());
      return;
    }
    Optional<String> refused = backend.submit(n.get(), doc);
    if (refused.isPresent()) {
      error(ctx, 400, refused.get());
      return;
    }
    ObjectNode ok = JsonNodeFactory.instance.objectNode();
    ok.put("batch_number", n.get());
    ok.put("accepted", true);
    json(ctx, 202, ok);
  }

  private Optional<Long> number(RoutingContext ctx) {
    String raw = ctx.pathParam("n");
    try {
      long n = Long.parseLong(raw);
      if (n >= 0) {
        return Optional.of(n);
      }
    } catch (NumberFormatException e) {
      // below
    }
    error(ctx, 400, "batch number must be a non-negative integer");
    return Optional.empty();
  }

  private static void json(RoutingContext ctx, int status, ObjectNode body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toString());
  }

  private static void error(RoutingContext ctx, int status, String message) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("error", message);
    json(ctx, status, o);
  }
}
