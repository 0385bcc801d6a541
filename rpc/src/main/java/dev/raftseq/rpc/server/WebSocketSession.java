package dev.raftseq.rpc.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.raftseq.rpc.jsonrpc.JsonRpcProcessor;
import dev.raftseq.rpc.jsonrpc.RpcError;
import dev.raftseq.rpc.jsonrpc.RpcException;
import dev.raftseq.rpc.jsonrpc.RpcJson;
import dev.raftseq.rpc.jsonrpc.RpcSession;
import dev.raftseq.rpc.jsonrpc.Subscriptions;
import com.fasterxml.jackson.databind.node.NullNode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection: each text or binary message is a JSON-RPC message; subscriptions
 * live until eth_unsubscribe or the connection closes. As in geth, a subscription's
 * notifications start only after the response carrying its id has been written, and a client
 * too slow to drain its notifications is disconnected. The server pings every half idle timeout
 * and closes (1001) a connection it has heard nothing from, not even a pong, for a whole one. Over
 * the client's request rate a message is answered with -32005 "rate limit exceeded" unprocessed.
 */
final class WebSocketSession {
  static final int MAX_SUBSCRIPTIONS = 1000;
  /** Notifications buffered per subscription before its id has been answered. */
  private static final int MAX_QUEUED = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketSession.class);
  private static final AutoCloseable STOPPED = () -> {};

  private final ServerWebSocket ws;
  private final Vertx vertx;
  private final Context context;
  private final Duration idleTimeout;
  private final Optional<ClientRateLimiter> rateLimiter;
  private volatile long lastHeardNanos = System.nanoTime();
  private long pingTimer = -1;
  private final JsonRpcProcessor processor;
  private final RpcJson json;
  private final Supplier<String> ids;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private volatile boolean closed;

  WebSocketSession(ServerWebSocket ws, Vertx vertx, Context context, JsonRpcProcessor processor, RpcJson json,
      Supplier<String> ids, Duration idleTimeout, Optional<ClientRateLimiter> rateLimiter) {
    this.ws = ws;
    this.vertx = vertx;
    this.context = context;
    this.idleTimeout = idleTimeout;
    this.rateLimiter = rateLimiter;
    this.processor = processor;
    this.json = json;
    this.ids = ids;
  }

  void start() {
    ws.textMessageHandler(text -> onMessage(text.getBytes(StandardCharsets.UTF_8)));
    ws.binaryMessageHandler(buffer -> onMessage(buffer.getBytes()));
    ws.pongHandler(pong -> lastHeardNanos = System.nanoTime());
    long every = Math.max(1, idleTimeout.toMillis() / 2);
    context.runOnContext(v -> pingTimer = vertx.setPeriodic(every, id -> pingOrClose()));
    // Vert.x reports an over-long message here and drops it; later fragments of that message
    // would arrive as a message of their own, so the connection cannot continue
    ws.exceptionHandler(e -> {
      LOG.debug("closing websocket {}: {}", ws.remoteAddress(), e.toString());
      if (!ws.isClosed()) {
        ws.close((short) 1009, "message too big or malformed");
      }
    });
  }

  int subscriptionCount() {
    return subscriptions.size();
  }

  private void pingOrClose() {
    if (closed || ws.isClosed()) {
      vertx.cancelTimer(pingTimer);
      return;
    }
    if (System.nanoTime() - lastHeardNanos > idleTimeout.toNanos()) {
      LOG.debug("closing websocket {}: silent for {}", ws.remoteAddress(), idleTimeout);
      ws.close((short) 1001, "idle");
      close();
      return;
    }
    ws.writePing(Buffer.buffer());
  }

  void close() {
    closed = true;
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
    }
    for (Subscription s : subscriptions.values()) {
      s.stop();
    }
    subscriptions.clear();
  }

  private void onMessage(byte[] message) {
    lastHeardNanos = System.nanoTime();
    if (rateLimiter.isPresent() && !rateLimiter.get().tryAcquire(clientAddress())) {
      ws.writeTextMessage(json.writeString(JsonRpcProcessor.errorResponse(NullNode.getInstance(),
          RateLimitHandler.LIMITED)));
      return;
    }
    MessageScope scope = new MessageScope();
    processor.handle(message, scope).thenAccept(response -> context.runOnContext(v -> {
      response.ifPresent(bytes -> {
        if (!closed) {
          ws.writeTextMessage(new String(bytes, StandardCharsets.UTF_8));
          if (ws.writeQueueFull()) {
            // a client that sends but does not read: stop reading until it catches up
            ws.pause();
            ws.drainHandler(drained -> ws.resume());
          }
        }
      });
      scope.activate();
    }));
  }

  private String clientAddress() {
    return ws.remoteAddress() == null ? "?" : ws.remoteAddress().hostAddress();
  }

  private void write(JsonNode notification) {
    if (closed) {
      return;
    }
    if (ws.writeQueueFull()) {
      LOG.info("closing websocket {}: client does not read its notifications", ws.remoteAddress());
      ws.close((short) 1008, "too slow");
      close();
      return;
    }
    ws.writeTextMessage(json.writeString(notification));
  }

  /** The subscriptions made by one message, activated once its response is out. */
  private final class MessageScope implements RpcSession, Subscriptions {
    private final List<Subscription> created = new ArrayList<>();

    @Override
    public Optional<Subscriptions> subscriptions() {
      return Optional.of(this);
    }

    @Override
    public String add(Function<Consumer<JsonNode>, AutoCloseable> start) throws RpcException {
      if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
        throw RpcError.server("too many subscriptions").toException();
      }
      Subscription s = new Subscription(ids.get());
      subscriptions.put(s.id, s);
      synchronized (this) {
        created.add(s);
      }
      try {
        s.attach(start.apply(s::deliver));
      } catch (RuntimeException e) {
        subscriptions.remove(s.id);
        s.stop();
        throw e;
      }
      if (closed) {
        s.stop();
      }
      return s.id;
    }

    @Override
    public boolean remove(String id) {
      Subscription s = subscriptions.remove(id);
      if (s == null) {
        return false;
      }
      s.stop();
      return true;
    }

    void activate() {
      List<Subscription> toActivate;
      synchronized (this) {
        toActivate = List.copyOf(created);
      }
      toActivate.forEach(Subscription::activate);
    }
  }

  private final class Subscription {
    private final String id;
    private final AtomicReference<AutoCloseable> source = new AtomicReference<>();
    private final ArrayDeque<JsonNode> queued = new ArrayDeque<>();
    private boolean active;
    private boolean stopped;

    Subscription(String id) {
      this.id = id;
    }

    /** Called on a backend thread with each result. */
    void deliver(JsonNode result) {
      ObjectNode params = RpcJson.NODES.objectNode();
      params.put("subscription", id);
      params.set("result", result);
      ObjectNode notification = RpcJson.NODES.objectNode();
      notification.put("jsonrpc", "2.0");
      notification.put("method", "eth_subscription");
      notification.set("params", params);
      synchronized (this) {
        if (stopped) {
          return;
        }
        if (!active) {
          if (queued.size() < MAX_QUEUED) {
            queued.add(notification);
          }
          return;
        }
      }
      context.runOnContext(v -> write(notification));
    }

    /** Runs on the connection's context, right after the subscribe response was written. */
    void activate() {
      List<JsonNode> backlog;
      synchronized (this) {
        if (active || stopped) {
          return;
        }
        active = true;
        backlog = List.copyOf(queued);
        queued.clear();
      }
      backlog.forEach(WebSocketSession.this::write);
    }

    void attach(AutoCloseable started) {
      if (!source.compareAndSet(null, started)) {
        closeQuietly(started); // stopped before its source was attached
      }
    }

    void stop() {
      synchronized (this) {
        stopped = true;
        queued.clear();
      }
      AutoCloseable s = source.getAndSet(STOPPED);
      if (s != null && s != STOPPED) {
        closeQuietly(s);
      }
    }

    private void closeQuietly(AutoCloseable s) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.warn("closing subscription {} failed", id, e);
      }
    }
  }
}
