package dev.raftseq.node.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code rpc.*}: the Ethereum JSON-RPC server (HTTP and WebSocket on one port).
 *
 * @param address where to listen; port 0 picks a free port
 * @param maxRequestSize largest request body, in bytes
 * @param maxResponseSize largest response body, in bytes
 * @param maxBatchSize most calls in one JSON-RPC batch
 * @param maxConnections most open connections
 * @param corsOrigins allowed CORS origins; empty allows none, {@code *} allows any
 * @param maxLogsBlockRange widest block range one eth_getLogs may scan
 * @param sendRawTransactionTimeout how long eth_sendRawTransaction waits for the transaction's
 *     admission to commit before answering with an error
 * @param requestTimeout longest time to receive a body, and to answer each call
 * @param idleTimeout a connection without traffic for this long is closed (WebSockets: pinged)
 * @param maxBufferedRequestSize request bodies held in memory at once, all clients together
 * @param maxLogsResults most logs one eth_getLogs returns
 * @param rateLimitPerClient requests per second per client address; 0 is off
 * @param rateLimitBurst requests a client may make at once
 */
public record RpcConfig(
    HostPort address,
    long maxRequestSize,
    long maxResponseSize,
    int maxBatchSize,
    int maxConnections,
    List<String> corsOrigins,
    long maxLogsBlockRange,
    Duration sendRawTransactionTimeout,
    Duration requestTimeout,
    Duration idleTimeout,
    long maxBufferedRequestSize,
    int maxLogsResults,
    double rateLimitPerClient,
    int rateLimitBurst) {
  public RpcConfig {
    Objects.requireNonNull(address, "address");
    corsOrigins = List.copyOf(corsOrigins);
    Objects.requireNonNull(sendRawTransactionTimeout, "sendRawTransactionTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
  }

  static RpcConfig read(SettingReader r) {
    long maxRequest = r.byteSize("rpc.max_request_size", 1024, Integer.MAX_VALUE);
    long maxResponse = r.byteSize("rpc.max_response_size", 1024, Integer.MAX_VALUE);
    int maxBatch = r.intValue("rpc.max_batch_size", 1, Integer.MAX_VALUE);
    int maxConnections = r.intValue("rpc.max_connections", 1, Integer.MAX_VALUE);
    List<String> cors = r.stringList("rpc.cors_origins");
    long logsRange = r.integer("rpc.max_logs_block_range", 1, Long.MAX_VALUE);
    Duration sendRaw = r.duration("rpc.send_raw_transaction_timeout", Duration.ofMillis(1));
    Duration request = r.duration("rpc.request_timeout", Duration.ofMillis(1));
    Duration idle = r.duration("rpc.idle_timeout", Duration.ofMillis(1));
    long buffered = r.byteSize("rpc.max_buffered_request_size", 1024, Long.MAX_VALUE);
    int logsResults = r.intValue("rpc.max_logs_results", 1, Integer.MAX_VALUE);
    long rate = r.integer("rpc.rate_limit_per_client", 0, 1_000_000);
    int burst = r.intValue("rpc.rate_limit_burst", 1, Integer.MAX_VALUE);
    if (request.compareTo(sendRaw) <= 0) {
      throw r.invalid("rpc.request_timeout", "must be longer than rpc.send_raw_transaction_timeout ("
          + ValueSyntax.format(sendRaw) + "), or a submitted transaction's answer would be cut off; got "
          + ValueSyntax.format(request));
    }
    if (idle.compareTo(request) < 0) {
      throw r.invalid("rpc.idle_timeout", "must be at least rpc.request_timeout (" + ValueSyntax.format(request)
          + "): a connection waiting for its answer is idle; got " + ValueSyntax.format(idle));
    }
    if (buffered < maxRequest) {
      throw r.invalid("rpc.max_buffered_request_size", "must hold at least one request of rpc.max_request_size ("
          + maxRequest + " bytes); got " + buffered + " bytes");
    }
    return new RpcConfig(r.hostPort("rpc.address", 0), maxRequest, maxResponse, maxBatch, maxConnections, cors,
        logsRange, sendRaw, request, idle, buffered, logsResults, rate, burst);
  }
}
