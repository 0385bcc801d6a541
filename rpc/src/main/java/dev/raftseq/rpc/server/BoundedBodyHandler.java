package dev.raftseq.rpc.server;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body into memory within three limits: its size (over it: HTTP 413, as geth),
 * the time to receive it (over it: HTTP 408 and the connection closes, against clients that
 * trickle bytes to hold a slot), and the {@link ByteBudget} shared by all bodies in memory (a
 * request waits unread until its declared size, or the largest allowed size when it declares
 * none, fits). The body is handed on in the context under {@link #BODY}; its share of the budget
 * returns when the response has ended or the connection has closed.
 */
public final class BoundedBodyHandler implements Handler<RoutingContext> {
  public static final String BODY = "raftseq.rpc.body";

  private final Vertx vertx;
  private final ByteBudget budget;
  private final int maxBodyBytes;
  private final long readTimeoutMillis;

  public BoundedBodyHandler(Vertx vertx, ByteBudget budget, int maxBodyBytes, long readTimeoutMillis) {
    this.vertx = vertx;
    this.budget = budget;
    this.maxBodyBytes = maxBodyBytes;
    this.readTimeoutMillis = readTimeoutMillis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    long declared;
    try {
      String header = req.getHeader(HttpHeaders.CONTENT_LENGTH);
      declared = header == null ? -1 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      reject(ctx, 400, false);
      return;
    }
    if (declared > maxBodyBytes) {
      reject(ctx, 413, false);
      return;
    }
    long reserve = declared >= 0 ? declared : maxBodyBytes;
    req.pause();
    Context context = vertx.getOrCreateContext();
    Read read = new Read(ctx, reserve);
    read.timer = vertx.setTimer(readTimeoutMillis, id -> read.timedOut());
    ctx.addEndHandler(ar -> read.finished());
    read.waiter = budget.acquire(reserve, lease -> context.runOnContext(v -> read.granted(lease)));
  }

  /**
   * Answers {@code status} and reads the rest of the body into nothing, so the client sees the
   * answer instead of a reset. With {@code close} the connection closes once the body has ended,
   * or after the read timeout if the client keeps sending; without, it may be reused (a declared
   * length over the limit, as Vert.x's own body handler does).
   */
  private void reject(RoutingContext ctx, int status, boolean close) {
    HttpServerRequest req = ctx.request();
    HttpServerResponse r = ctx.response();
    if (!r.ended() && !r.closed()) {
      if (close) {
        r.putHeader(HttpHeaders.CONNECTION, "close");
      }
      r.setStatusCode(status).end();
    }
    if (req.isEnded()) {
      if (close) {
        req.connection().close();
      }
      return;
    }
    req.handler(ignored -> { });
    req.exceptionHandler(ignored -> { });
    if (close) {
      req.endHandler(v -> req.connection().close());
      vertx.setTimer(readTimeoutMillis, id -> req.connection().close());
    } else {
      req.endHandler(v -> { });
    }
    req.resume();
  }

  /** One request's body on its way in; runs on the connection's event loop. */
  private final class Read {
    private final RoutingContext ctx;
    private final long reserve;
    private final Buffer body;
    private ByteBudget.Waiter waiter;
    private ByteBudget.Lease lease;
    private long timer;
    private boolean complete;
    private boolean over;

    Read(RoutingContext ctx, long reserve) {
      this.ctx = ctx;
      this.reserve = reserve;
      this.body = Buffer.buffer((int) Math.min(reserve, 64 * 1024));
    }

    void granted(ByteBudget.Lease granted) {
      lease = granted;
      if (over) {
        granted.release();
        return;
      }
      HttpServerRequest req = ctx.request();
      req.handler(chunk -> {
        if (complete || over) {
          return;
        }
        if (body.length() + chunk.length() > reserve) {
          // more than declared, or over the limit without a declared length
          end(413);
          return;
        }
        body.appendBuffer(chunk);
      });
      req.exceptionHandler(e -> end(-1));
      req.endHandler(v -> {
        if (over) {
          return;
        }
        complete = true;
        vertx.cancelTimer(timer);
        ctx.put(BODY, body);
        ctx.next();
      });
      req.resume();
    }

    void timedOut() {
      if (!complete) {
        end(408);
      }
    }

    /** Stops reading: answers {@code status} (or just closes for -1) and gives the bytes back. */
    void end(int status) {
      over = true;
      vertx.cancelTimer(timer);
      if (waiter != null) {
        waiter.cancel();
      }
      if (status > 0) {
        reject(ctx, status, true);
      } else {
        ctx.request().connection().close();
      }
      finished();
    }

    void finished() {
      over = over || !complete;
      vertx.cancelTimer(timer);
      if (waiter != null) {
        waiter.cancel();
      }
      if (lease != null) {
        lease.release();
      }
    }
  }
}
