package dev.raftseq.rpc.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * A fixed number of bytes shared by every request body in memory. A request asks for its size
 * before a byte of its body is read and is granted in arrival order once that many bytes are
 * free; until then it waits unread (the client's TCP window fills, so it stops sending). Grants
 * are released when the response has gone out. A request never holds part of the budget while
 * waiting for more, so waiting requests cannot deadlock each other.
 */
public final class ByteBudget {
  private final long capacity;
  private long available;
  private final Deque<Waiter> waiting = new ArrayDeque<>();

  public ByteBudget(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.available = capacity;
  }

  /** A granted share; releasing twice is harmless. */
  public final class Lease {
    private final long bytes;
    private boolean released;

    private Lease(long bytes) {
      this.bytes = bytes;
    }

    public long bytes() {
      return bytes;
    }

    public void release() {
      ByteBudget.this.release(this);
    }
  }

  /** A pending request for bytes; cancel it when the request goes away before it was granted. */
  public final class Waiter {
    private final long bytes;
    private final Consumer<Lease> onGrant;
    private boolean done;

    private Waiter(long bytes, Consumer<Lease> onGrant) {
      this.bytes = bytes;
      this.onGrant = onGrant;
    }

    /** Withdraws the request if it was not granted yet; returns whether it was withdrawn. */
    public boolean cancel() {
      synchronized (ByteBudget.this) {
        if (done) {
          return false;
        }
        done = true;
        waiting.remove(this);
      }
      grantWaiting();
      return true;
    }
  }

  /**
   * Asks for {@code bytes} (at most the capacity); {@code onGrant} runs once they are granted, on
   * this thread if they are free now, else on the thread that releases them.
   */
  public Waiter acquire(long bytes, Consumer<Lease> onGrant) {
    if (bytes < 0 || bytes > capacity) {
      throw new IllegalArgumentException("cannot grant " + bytes + " of " + capacity + " bytes");
    }
    Waiter w = new Waiter(bytes, onGrant);
    synchronized (this) {
      waiting.addLast(w);
    }
    grantWaiting();
    return w;
  }

  public synchronized long available() {
    return available;
  }

  public synchronized int waiting() {
    return waiting.size();
  }

  private void release(Lease lease) {
    synchronized (this) {
      if (lease.released) {
        return;
      }
      lease.released = true;
      available += lease.bytes;
    }
    grantWaiting();
  }

  /** Grants waiters in arrival order while the first one fits (no overtaking: large ones never starve). */
  private void grantWaiting() {
    while (true) {
      Waiter w;
      Lease lease;
      synchronized (this) {
        w = waiting.peekFirst();
        if (w == null || w.bytes > available) {
          return;
        }
        waiting.removeFirst();
        w.done = true;
        available -= w.bytes;
        lease = new Lease(w.bytes);
      }
      w.onGrant.accept(lease);
    }
  }
}
