package dev.raftseq.rpc;

import java.util.List;

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
 */
public record RpcServerConfig(
    String host,
    int port,
    int maxRequestSizeBytes,
    int maxBatchSize,
    int maxConnections,
    List<String> corsOrigins,
    int maxLogsBlockRange) {

  public static final int DEFAULT_PORT = 3050;
  public static final int DEFAULT_MAX_REQUEST_SIZE = 15 * 1024 * 1024;
  public static final int DEFAULT_MAX_BATCH_SIZE = 1000;
  public static final int DEFAULT_MAX_CONNECTIONS = 1000;
  public static final int DEFAULT_MAX_LOGS_BLOCK_RANGE = 10_000;

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
    if (maxBatchSize < 1 || maxConnections < 1 || maxLogsBlockRange < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
    corsOrigins = List.copyOf(corsOrigins);
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
}
