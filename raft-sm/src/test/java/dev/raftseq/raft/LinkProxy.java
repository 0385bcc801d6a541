package dev.raftseq.raft;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in front of one node's Raft port, as the fault campaign puts one (system-tests
 * {@code RaftLinkProxy}): peers dial the advertised address, where this listens, and reach the node
 * bound on another loopback address. In one JVM the proxy cannot tell which node opened a
 * connection, so a cut takes every link <em>into</em> its node: while cut, every byte in either
 * direction of those connections is read and dropped, on open connections and on those opened
 * meanwhile (a network that loses every packet: no reset, the sender learns only from its own
 * timeouts); healing closes the connections that lost bytes, so the peers reconnect on a clean
 * stream. Cutting every proxy partitions every node from every other.
 */
final class LinkProxy implements AutoCloseable {
  private final InetSocketAddress upstream;
  private final ServerSocket server;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;
  private volatile boolean closed;
  private volatile long setupDelayMillis;

  LinkProxy(InetSocketAddress listen, InetSocketAddress upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(listen, 128);
    daemon("link-proxy-accept-" + listen.getPort(), this::acceptLoop);
  }

  void cut() {
    cut = true;
    links.forEach(l -> l.damaged = true);
  }

  /**
   * New connections reach the node only after {@code delay} (what a loaded machine and the campaign's
   * proxy, which looks up the connecting process, cost a fresh connection); open ones are unaffected.
   */
  void delayNewConnections(java.time.Duration delay) {
    setupDelayMillis = delay.toMillis();
  }

  /** Resets every open connection into the node (as a healed partition does): peers must reconnect. */
  void dropConnections() {
    links.forEach(Link::close);
  }

  void heal() {
    cut = false;
    for (Link l : links) {
      if (l.damaged) {
        l.close();
      }
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        daemon("link-proxy-open", () -> open(client));
      } catch (IOException e) {
        // closed, or a failed accept: the loop decides
      }
    }
  }

  private void open(Socket client) {
    Link l = new Link(client);
    links.add(l);
    try {
      client.setTcpNoDelay(true);
      if (cut) {
        l.damaged = true;
        l.pump(client.getInputStream(), null);
        return;
      }
      long delay = setupDelayMillis;
      if (delay > 0) {
        Thread.sleep(delay); // the injected fault: this connection is slow to open
      }
      Socket up = new Socket();
      up.setTcpNoDelay(true);
      up.connect(upstream, 2_000);
      l.upstream = up;
      l.pump(client.getInputStream(), up.getOutputStream());
      l.pump(up.getInputStream(), client.getOutputStream());
    } catch (IOException e) {
      l.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      l.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    links.forEach(Link::close);
  }

  private static void daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private final class Link {
    final Socket client;
    volatile Socket upstream;
    volatile boolean damaged;

    Link(Socket client) {
      this.client = client;
    }

    void pump(InputStream in, OutputStream out) {
      daemon("link-proxy-pump", () -> {
        byte[] buf = new byte[64 * 1024];
        try {
          int n;
          while ((n = in.read(buf)) >= 0) {
            if (out == null || cut) {
              damaged = true;
              continue;
            }
            out.write(buf, 0, n);
            out.flush();
          }
        } catch (IOException e) {
          // either side closed
        }
        close();
      });
    }

    void close() {
      links.remove(this);
      closeQuietly(client);
      closeQuietly(upstream);
    }

    private void closeQuietly(Socket s) {
      if (s != null) {
        try {
          s.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }
  }
}
