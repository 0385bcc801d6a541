package dev.raftseq.rpc;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the JSON-RPC server.
 *
 * @param host interface to bind, e.g. "0.0.0.0"
 * @param port TCP port for HTTP and WebSocket; 0 picks a free one
 * @param maxRequestSizeBytes largest HTTP body or WebSocket message; larger HTTP bodies get
 *     HTTP 413 (as geth), larger WebSocket messages close the connection (status 1009)
 * @param maxBatchSize most requests in one batch; more is one -32600 "batch too large"
 * @param maxConnections most open TCP connections (HTTP and WebSocket together); more are
 *     closed on accept
 * @param corsOrigins allowed browser origins ("*" for any); empty disables CORS
 * @param maxLogsBlockRange most blocks one eth_getLogs may scan
 * @param maxResponseSizeBytes largest response document; a call whose response is larger (or,
 *     in a batch, the call that takes the batch over it and every later one) is answered with
 *     geth's -32003 "response too large" instead
 * @param requestTimeout longest time to receive a request's body (then HTTP 408 and the
 *     connection closes) and, separately, to answer each call (then geth's -32002 "request timed
 *     out" for that call)
 * @param idleTimeout an HTTP connection with no traffic for this long is closed; a WebSocket
 *     is pinged and closed when nothing (not even a pong) came back for this long
 * @param maxBufferedRequestBytes request bodies held in memory at once, all connections
 *     together (from the first byte read to the response sent); a request waits, unread, until
 *     its size fits, so many large bodies are served a few at a time instead of exhausting the heap
 * @param maxLogsResults most logs one eth_getLogs may return: more is -32005 "query returned
 *     more than N results"
 * @param rateLimitPerClient HTTP requests plus WebSocket messages per second allowed to one
 *     client address; 0 turns the limit off. Over it: HTTP 429 / -32005 "rate limit exceeded"
 * @param rateLimitBurst requests a client may make at once before the rate applies
 */
public record RpcServerConfig(
    String host,
    int port,
    int maxRequestSizeBytes,
    int maxBatchSize,
    int maxConnections,
    List<String> corsOrigins,
    int maxLogsBlockRange,
    int maxResponseSizeBytes,
    Duration requestTimeout,
    Duration idleTimeout,
    long maxBufferedRequestBytes,
    int maxLogsResults,
    double rateLimitPerClient,
    int rateLimitBurst) {

  public static final int DEFAULT_PORT = 3050;
  public static final int DEFAULT_MAX_REQUEST_SIZE = 15 * 1024 * 1024;
  public static final int DEFAULT_MAX_BATCH_SIZE = 1000;
  public static final int DEFAULT_MAX_CONNECTIONS = 1000;
  public static final int DEFAULT_MAX_LOGS_BLOCK_RANGE = 10_000;
  public static final int DEFAULT_MAX_RESPONSE_SIZE = 24 * 1024 * 1024;
  /** geth's http.timeouts read/write default. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** geth's http.timeouts idle default. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
  public static final long DEFAULT_MAX_BUFFERED_REQUEST_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_MAX_LOGS_RESULTS = 10_000;
  public static final int DEFAULT_RATE_LIMIT_BURST = 100;

  public RpcServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must be set");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxRequestSizeBytes < 1024) {
      throw new IllegalArgumentException("maxRequestSizeBytes must be at least 1024");
    }
    if (maxBatchSize < 1 || maxConnections < 1 || maxLogsBlockRange < 1 || maxLogsResults < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (maxResponseSizeBytes < 1024) {
      throw new IllegalArgumentException("maxResponseSizeBytes must be at least 1024");
    }
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (requestTimeout.toMillis() < 1 || idleTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeouts must be at least 1 ms");
    }
    if (idleTimeout.compareTo(requestTimeout) < 0) {
      // a call waiting for its answer sends nothing: a shorter idle timeout would cut it off
      throw new IllegalArgumentException("idleTimeout (" + idleTimeout + ") must not be shorter than requestTimeout ("
          + requestTimeout + ")");
    }
    if (maxBufferedRequestBytes < maxRequestSizeBytes) {
      throw new IllegalArgumentException("maxBufferedRequestBytes (" + maxBufferedRequestBytes
          + ") must hold at least one request of maxRequestSizeBytes (" + maxRequestSizeBytes + ")");
    }
    if (rateLimitPerClient < 0 || Double.isNaN(rateLimitPerClient) || rateLimitBurst < 1) {
      throw new IllegalArgumentException("rate limit must be >= 0 (0: off) with a burst >= 1");
    }
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** The earlier settings, with every hardening limit at its default. */
  public RpcServerConfig(String host, int port, int maxRequestSizeBytes, int maxBatchSize, int maxConnections,
      List<String> corsOrigins, int maxLogsBlockRange) {
    this(host, port, maxRequestSizeBytes, maxBatchSize, maxConnections, corsOrigins, maxLogsBlockRange,
        DEFAULT_MAX_RESPONSE_SIZE, DEFAULT_REQUEST_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
        Math.max(DEFAULT_MAX_BUFFERED_REQUEST_BYTES, maxRequestSizeBytes), DEFAULT_MAX_LOGS_RESULTS, 0,
        DEFAULT_RATE_LIMIT_BURST);
  }

  /** The defaults of the seed (RPC_MAX_REQUEST_SIZE 15 MB, batch 1000, 1000 connections). */
  public static RpcServerConfig defaults(String host, int port) {
    return new RpcServerConfig(
        host,
        port,
        DEFAULT_MAX_REQUEST_SIZE,
        DEFAULT_MAX_BATCH_SIZE,
        DEFAULT_MAX_CONNECTIONS,
        List.of(),
        DEFAULT_MAX_LOGS_BLOCK_RANGE);
  }

  public RpcServerConfig withResponseLimit(int bytes) {
    return new RpcServerConfig(host, port, maxRequestSizeBytes, maxBatchSize, maxConnections, corsOrigins,
        maxLogsBlockRange, bytes, requestTimeout, idleTimeout, maxBufferedRequestBytes, maxLogsResults,
        rateLimitPerClient, rateLimitBurst);
  }

  public RpcServerConfig withTimeouts(Duration request, Duration idle) {
    return new RpcServerConfig(host, port, maxRequestSizeBytes, maxBatchSize, maxConnections, corsOrigins,
        maxLogsBlockRange, maxResponseSizeBytes, request, idle, maxBufferedRequestBytes, maxLogsResults,
        rateLimitPerClient, rateLimitBurst);
  }

  public RpcServerConfig withBufferedRequestLimit(long bytes) {
    return new RpcServerConfig(host, port, maxRequestSizeBytes, maxBatchSize, maxConnections, corsOrigins,
        maxLogsBlockRange, maxResponseSizeBytes, requestTimeout, idleTimeout, bytes, maxLogsResults,
        rateLimitPerClient, rateLimitBurst);
  }

  public RpcServerConfig withLogsResultLimit(int results) {
    return new RpcServerConfig(host, port, maxRequestSizeBytes, maxBatchSize, maxConnections, corsOrigins,
        maxLogsBlockRange, maxResponseSizeBytes, requestTimeout, idleTimeout, maxBufferedRequestBytes, results,
        rateLimitPerClient, rateLimitBurst);
  }

  public RpcServerConfig withRateLimit(double perSecond, int burst) {
    return new RpcServerConfig(host, port, maxRequestSizeBytes, maxBatchSize, maxConnections, corsOrigins,
        maxLogsBlockRange, maxResponseSizeBytes, requestTimeout, idleTimeout, maxBufferedRequestBytes,
        maxLogsResults, perSecond, burst);
  }
}
