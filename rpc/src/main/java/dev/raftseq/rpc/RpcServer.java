package dev.raftseq.rpc;

import dev.raftseq.rpc.jsonrpc.JsonRpcProcessor;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import dev.raftseq.rpc.jsonrpc.RpcSession;
import dev.raftseq.rpc.methods.EthMethods;
import dev.raftseq.rpc.server.BoundedBodyHandler;
import dev.raftseq.rpc.server.ByteBudget;
import dev.raftseq.rpc.server.ClientRateLimiter;
import dev.raftseq.rpc.server.HttpRpcHandler;
import dev.raftseq.rpc.server.RateLimitHandler;
import dev.raftseq.rpc.server.WebSocketAcceptor;
import dev.raftseq.rpc.server.WorkerPool;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ethereum JSON-RPC over HTTP (POST "/") and WebSocket (upgrade on any path) on one port,
 * served by Vert.x. Requests are parsed on the event loop; methods run on a worker pool, so
 * chain reads never block the event loop; eth_sendRawTransaction answers whenever the backend's
 * future completes, holding no thread meanwhile.
 *
 * <pre>{@code
 * RpcServer server = new RpcServer(vertx, RpcServerConfig.defaults("0.0.0.0", 3050), backend);
 * int port = server.start();   // blocks until bound; call from a non-event-loop thread
 * ...
 * server.close();
 * }</pre>
 */
public final class RpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
  private static final long START_STOP_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final RpcServerConfig config;
  private final WorkerPool workers;
  private final JsonRpcProcessor processor;
  private final RpcJson json;
  private final AtomicInteger openConnections = new AtomicInteger();
  private final ByteBudget bodyBudget;
  private final Optional<ClientRateLimiter> rateLimiter;
  private WebSocketAcceptor webSockets;
  private HttpServer server;

  public RpcServer(Vertx vertx, RpcServerConfig config, EthBackend backend) {
    this(vertx, config, backend, RpcCallObserver.NONE);
  }

  /** @param observer told of every answered call, e.g. to time them by method and outcome */
  public RpcServer(Vertx vertx, RpcServerConfig config, EthBackend backend, RpcCallObserver observer) {
    this.vertx = vertx;
    this.config = config;
    this.json = new RpcJson(config.maxRequestSizeBytes());
    this.workers = new WorkerPool("rpc-worker", Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    this.processor =
        new JsonRpcProcessor(
            EthMethods.registry(backend, config.maxLogsBlockRange(), config.maxLogsResults()), json,
            config.maxBatchSize(), workers, config.maxResponseSizeBytes(), config.requestTimeout(), observer);
    this.bodyBudget = new ByteBudget(config.maxBufferedRequestBytes());
    this.rateLimiter = config.rateLimitPerClient() > 0
        ? Optional.of(new ClientRateLimiter(config.rateLimitPerClient(), config.rateLimitBurst(), System::nanoTime))
        : Optional.empty();
  }

  /** Binds and returns the port (the chosen one when configured with 0). */
  public synchronized int start() {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            .setCompressionSupported(true)
            // HTTP/1.1 only: with h2c detection Vert.x creates the connection (and counts it
            // against maxConnections) only once bytes arrive, so idle sockets would escape the limit
            .setHttp2ClearTextEnabled(false)
            // no traffic for this long closes an HTTP connection (WebSockets are pinged instead)
            .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()))
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
            .setMaxWebSocketFrameSize(config.maxRequestSizeBytes())
            .setMaxWebSocketMessageSize(config.maxRequestSizeBytes());
    webSockets = new WebSocketAcceptor(vertx, processor, json, config.idleTimeout(), rateLimiter, bodyBudget,
        config.maxRequestSizeBytes());
    HttpServer created =
        vertx
            .createHttpServer(options)
            .connectionHandler(
                connection -> {
                  if (openConnections.incrementAndGet() > config.maxConnections()) {
                    openConnections.decrementAndGet();
                    LOG.debug("refusing connection from {}: {} open", connection.remoteAddress(), config.maxConnections());
                    connection.close();
                    return;
                  }
                  connection.closeHandler(v -> openConnections.decrementAndGet());
                })
            .webSocketHandler(webSockets::accept)
            .requestHandler(router());
    try {
      created.listen().toCompletionStage().toCompletableFuture().get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding " + config.host() + ":" + config.port(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot bind JSON-RPC to " + config.host() + ":" + config.port(), e);
    }
    server = created;
    LOG.info("JSON-RPC listening on {}:{} (HTTP and WebSocket)", config.host(), server.actualPort());
    return server.actualPort();
  }

  private Router router() {
    Router router = Router.router(vertx);
    if (!config.corsOrigins().isEmpty()) {
      CorsHandler cors = config.corsOrigins().contains("*")
          ? CorsHandler.create()
          : CorsHandler.create().addOrigins(config.corsOrigins());
      router.route().handler(
          cors.allowedMethods(Set.of(HttpMethod.POST, HttpMethod.OPTIONS))
              .allowedHeaders(Set.of("Content-Type", "Authorization")));
    }
    var post = router.post("/");
    rateLimiter.ifPresent(l -> post.handler(new RateLimitHandler(l, json)));
    post.handler(new BoundedBodyHandler(vertx, bodyBudget, config.maxRequestSizeBytes(),
            config.requestTimeout().toMillis()))
        .handler(new HttpRpcHandler(processor, RpcSession.STATELESS));
    return router;
  }

  /** Bytes of the request body budget not held by a request right now. */
  public long bodyBudgetAvailable() {
    return bodyBudget.available();
  }

  /** Requests waiting, unread, for room in the body budget. */
  public int requestsWaitingForBudget() {
    return bodyBudget.waiting();
  }

  /** Connections open right now (HTTP and WebSocket). */
  public int openConnections() {
    return openConnections.get();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      try {
        server.close().toCompletionStage().toCompletableFuture().get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("closing the JSON-RPC server failed", e);
      }
      server = null;
    }
    if (webSockets != null) {
      webSockets.closeAll();
    }
    workers.close();
  }
}
