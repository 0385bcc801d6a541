package dev.raftseq.rpc.server;

import dev.raftseq.rpc.jsonrpc.JsonRpcProcessor;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Accepts WebSocket upgrades on any path and keeps the open sessions. */
public final class WebSocketAcceptor {
  private final Vertx vertx;
  private final JsonRpcProcessor processor;
  private final RpcJson json;
  private final SecureRandom random = new SecureRandom();
  private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();
  private final Duration idleTimeout;
  private final Optional<ClientRateLimiter> rateLimiter;

  public WebSocketAcceptor(Vertx vertx, JsonRpcProcessor processor, RpcJson json, Duration idleTimeout,
      Optional<ClientRateLimiter> rateLimiter) {
    this.vertx = vertx;
    this.processor = processor;
    this.json = json;
    this.idleTimeout = idleTimeout;
    this.rateLimiter = rateLimiter;
  }

  public void accept(ServerWebSocket ws) {
    WebSocketSession session =
        new WebSocketSession(ws, vertx, vertx.getOrCreateContext(), processor, json, this::subscriptionId,
            idleTimeout, rateLimiter);
    sessions.add(session);
    session.start();
    ws.closeHandler(
        v -> {
          session.close();
          sessions.remove(session);
        });
  }

  /** Active subscriptions over all connections. */
  public int subscriptionCount() {
    return sessions.stream().mapToInt(WebSocketSession::subscriptionCount).sum();
  }

  public void closeAll() {
    sessions.forEach(WebSocketSession::close);
    sessions.clear();
  }

  /** geth's format: "0x" + 16 random bytes in hex without leading zeros. */
  private String subscriptionId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    String hex = HexFormat.of().formatHex(b).replaceFirst("^0+", "");
    return "0x" + (hex.isEmpty() ? "0" : hex);
  }
}
