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
 */
public record RpcConfig(
    HostPort address,
    long maxRequestSize,
    long maxResponseSize,
    int maxBatchSize,
    int maxConnections,
    List<String> corsOrigins,
    long maxLogsBlockRange,
    Duration sendRawTransactionTimeout) {
  public RpcConfig {
    Objects.requireNonNull(address, "address");
    corsOrigins = List.copyOf(corsOrigins);
    Objects.requireNonNull(sendRawTransactionTimeout, "sendRawTransactionTimeout");
  }

  static RpcConfig read(SettingReader r) {
    return new RpcConfig(
        r.hostPort("rpc.address", 0),
        r.byteSize("rpc.max_request_size", 1, Integer.MAX_VALUE),
        r.byteSize("rpc.max_response_size", 1, Integer.MAX_VALUE),
        r.intValue("rpc.max_batch_size", 1, Integer.MAX_VALUE),
        r.intValue("rpc.max_connections", 1, Integer.MAX_VALUE),
        r.stringList("rpc.cors_origins"),
        r.integer("rpc.max_logs_block_range", 1, Long.MAX_VALUE),
        r.duration("rpc.send_raw_transaction_timeout", Duration.ofMillis(1)));
  }
}
