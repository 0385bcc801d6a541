package dev.raftseq.status;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP status endpoints, in zksync-os-server's shape:
 *
 * <ul>
 *   <li>{@code GET /status}: the node's {@link NodeStatus} as JSON ({@code healthy} is always true);
 *   <li>{@code GET /status/health}: 200 {@code {"healthy":true}} while the process serves (liveness);
 *   <li>{@code GET /status/ready}: 200 when the {@link StatusSource} says ready, else 503 with the
 *       reason (readiness).
 * </ul>
 *
 * Other paths answer 404. The source is called on worker threads, so a slow read never stalls the
 * event loop. The Vert.x instance belongs to the caller.
 */
public final class StatusServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);
  private static final long BIND_TIMEOUT_SECONDS = 30;

  private enum State { NEW, RUNNING, CLOSED }

  private final Vertx vertx;
  private final StatusServerOptions options;
  private final StatusSource source;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private volatile HttpServer server;

  public StatusServer(Vertx vertx, StatusServerOptions options, StatusSource source) {
    this.vertx = vertx;
    this.options = options;
    this.source = source;
  }

  /**
   * Binds and serves. Blocks until bound, so it must not be called on an event-loop thread.
   *
   * @return the bound port (the chosen one when the options say 0)
   * @throws IllegalStateException if already started, or when the address cannot be bound
   */
  public int start() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("StatusServer.start() blocks; call it off the event loop");
    }
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("status server already started or closed");
    }
    HttpServer s = vertx.createHttpServer(
        new HttpServerOptions().setHost(options.host()).setPort(options.port()))
        .requestHandler(router());
    server = s;
    try {
      await(s.listen(), "bind status server to " + options.host() + ":" + options.port());
    } catch (IllegalStateException e) {
      state.set(State.CLOSED);
      throw e;
    }
    LOG.info("status server listening on {}:{}", options.host(), s.actualPort());
    return s.actualPort();
  }

  /** The bound port; only after {@link #start()}. */
  public int port() {
    HttpServer s = server;
    if (s == null || state.get() != State.RUNNING) {
      throw new IllegalStateException("status server is not running");
    }
    return s.actualPort();
  }

  /** Stops serving; idempotent. */
  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    HttpServer s = server;
    if (previous == State.RUNNING && s != null) {
      await(s.close(), "close status server");
    }
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.get("/status").handler(this::status);
    router.get("/status/health").handler(ctx -> json(ctx, 200, StatusJson.health()));
    router.get("/status/ready").handler(this::ready);
    router.errorHandler(404, ctx -> json(ctx, 404, StatusJson.error("not found")));
    router.errorHandler(405, ctx -> json(ctx, 405, StatusJson.error("method not allowed")));
    return router;
  }

  private void status(RoutingContext ctx) {
    vertx.executeBlocking(() -> StatusJson.status(source.status()), false).onComplete(ar -> {
      if (ar.succeeded()) {
        json(ctx, 200, ar.result());
      } else {
        LOG.warn("status source failed", ar.cause());
        json(ctx, 500, StatusJson.error("status unavailable: " + ar.cause()));
      }
    });
  }

  private void ready(RoutingContext ctx) {
    vertx.executeBlocking(source::readiness, false).onComplete(ar -> {
      Readiness r = ar.succeeded()
          ? ar.result() : Readiness.notReady("readiness check failed: " + ar.cause());
      json(ctx, r.ready() ? 200 : 503, StatusJson.readiness(r));
    });
  }

  private static void json(RoutingContext ctx, int code, String body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(code)
        .putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store")
        .end(body);
  }

  private static <T> T await(Future<T> f, String what) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot " + what + ": timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + what, e);
    }
  }
}
