package dev.raftseq.status.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API, on a listener of its own (loopback unless the operator says otherwise, since a bearer
 * token travels in clear over plain HTTP):
 *
 * <ul>
 *   <li>{@code POST /admin/transfer-leadership} {@code {"peer_id":"0x…"}}
 *   <li>{@code POST /admin/pause}, {@code POST /admin/resume}: this node's block production
 *   <li>{@code POST /admin/members} {@code {"enode":"enode://…@host:port"}}
 *   <li>{@code DELETE /admin/members/<peer_id>}
 *   <li>{@code POST /admin/snapshot}
 * </ul>
 *
 * Every request is authenticated first ({@link AdminAuthenticator}): without a valid credential it is
 * answered 401 and nothing runs. Every request is logged with the caller's address and the outcome.
 * Operations run one at a time on a worker thread; answers are JSON ({@link AdminReply}). The Vert.x
 * instance belongs to the caller.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 16 * 1024;
  private static final long BIND_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final AdminAuthenticator authenticator;
  private final AdminOperations operations;
  private volatile HttpServer server;

  public AdminServer(Vertx vertx, String host, int port, AdminAuthenticator authenticator,
      AdminOperations operations) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.authenticator = authenticator;
    this.operations = operations;
  }

  /** Binds (blocking, so not on an event loop) and returns the bound port. */
  public synchronized int start() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("AdminServer.start() blocks; call it off the event loop");
    }
    if (server != null) {
      throw new IllegalStateException("admin server already started");
    }
    HttpServer s = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(router());
    try {
      s.listen().toCompletionStage().toCompletableFuture().get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot bind the admin API to " + host + ":" + port + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot bind the admin API to " + host + ":" + port + ": timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding the admin API", e);
    }
    server = s;
    LOG.info("admin API listening on {}:{}", host, s.actualPort());
    return s.actualPort();
  }

  @Override
  public synchronized void close() {
    HttpServer s = server;
    server = null;
    if (s != null) {
      try {
        s.close().toCompletionStage().toCompletableFuture().get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("closing the admin API failed", e);
      }
    }
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(this::authenticate);
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.post("/admin/transfer-leadership")
        .handler(ctx -> run(ctx, () -> operations.transferLeadership(field(ctx, "peer_id"))));
    router.post("/admin/pause").handler(ctx -> run(ctx, operations::pause));
    router.post("/admin/resume").handler(ctx -> run(ctx, operations::resume));
    router.post("/admin/members").handler(ctx -> run(ctx, () -> operations.addMember(field(ctx, "enode"))));
    router.delete("/admin/members/:peerId")
        .handler(ctx -> run(ctx, () -> operations.removeMember(ctx.pathParam("peerId"))));
    router.post("/admin/snapshot").handler(ctx -> run(ctx, operations::snapshot));
    router.errorHandler(404, ctx -> reply(ctx, AdminReply.error(404, "not_found", "no such admin endpoint")));
    router.errorHandler(405, ctx -> reply(ctx, AdminReply.error(405, "method_not_allowed", "method not allowed")));
    router.errorHandler(413, ctx -> reply(ctx, AdminReply.error(413, "too_large", "body over " + MAX_BODY_BYTES
        + " bytes")));
    return router;
  }

  private void authenticate(RoutingContext ctx) {
    Optional<String> caller;
    try {
      caller = authenticator.authenticate(ctx.request());
    } catch (RuntimeException e) {
      LOG.error("admin authentication failed on {} {}", ctx.request().method(), ctx.request().path(), e);
      caller = Optional.empty();
    }
    if (caller.isEmpty()) {
      ctx.response().putHeader("www-authenticate", "Bearer");
      reply(ctx, AdminReply.error(401, "unauthorized", "a valid Authorization: Bearer <token> header is required"));
      return;
    }
    ctx.put("caller", caller.get());
    ctx.next();
  }

  private void run(RoutingContext ctx, Supplier<AdminReply> operation) {
    vertx.executeBlocking(() -> {
      try {
        return operation.get();
      } catch (BadRequest e) {
        return AdminReply.error(400, "bad_request", e.getMessage());
      }
    }, true).onComplete(ar -> {
      if (ar.succeeded()) {
        reply(ctx, ar.result());
      } else {
        LOG.error("admin {} {} failed", ctx.request().method(), ctx.request().path(), ar.cause());
        reply(ctx, AdminReply.error(500, "internal_error", String.valueOf(ar.cause())));
      }
    });
  }

  private static String field(RoutingContext ctx, String name) {
    String body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || body.isBlank()) {
      throw new BadRequest("a JSON body with \"" + name + "\" is required");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
    }
    JsonNode value = node == null ? null : node.get(name);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw new BadRequest("\"" + name + "\" must be a non-empty string");
    }
    return value.textValue().trim();
  }

  private static void reply(RoutingContext ctx, AdminReply reply) {
    SocketAddress from = ctx.request().remoteAddress();
    String caller = ctx.get("caller");
    String line = "admin {} {} from {}{}: {} {}";
    Object[] args = {ctx.request().method(), ctx.request().path(), from,
        caller == null ? "" : " (" + caller + ")", reply.status(), reply.body()};
    if (reply.status() == 401) {
      LOG.warn(line, args);
    } else {
      LOG.info(line, args);
    }
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    String body;
    try {
      body = JSON.writeValueAsString(reply.body());
    } catch (JsonProcessingException e) {
      body = "{\"ok\":false,\"error\":\"internal_error\"}";
    }
    ctx.response().setStatusCode(reply.status())
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(body);
  }

  /** A request the operation cannot even start on: 400. */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
