package dev.raftseq.systest.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy in front of one node's Raft port: peers reach the node at the advertised address
 * (where this listens) while the node binds another loopback address. For each connection it
 * finds which node opened it ({@link SocketOwners}); while the {@link PartitionTable} cuts that
 * link, bytes in both directions are read and dropped, as a network that loses every packet
 * (no reset: the sender only learns from its own timeouts). Healing closes the connections
 * that were cut, so the peers reconnect on a clean stream.
 */
public final class RaftLinkProxy implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftLinkProxy.class);
  private static final int BUFFER = 64 * 1024;

  private final int target;
  private final InetSocketAddress listen;
  private final InetSocketAddress upstream;
  private final PartitionTable partitions;
  private final SocketOwners owners;
  private final Supplier<Collection<Long>> nodePids;
  private final LongFunction<Integer> nodeOfPid;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final Runnable onHeal = this::closeDamaged;
  private final Runnable onCut = this::markCut;
  private ServerSocket server;
  private volatile boolean closed;

  /**
   * @param target the index of the node behind this proxy
   * @param nodePids the pids of the node processes right now
   * @param nodeOfPid the node index of a pid, or -1
   */
  public RaftLinkProxy(int target, InetSocketAddress listen, InetSocketAddress upstream, PartitionTable partitions,
      SocketOwners owners, Supplier<Collection<Long>> nodePids, LongFunction<Integer> nodeOfPid) {
    this.target = target;
    this.listen = listen;
    this.upstream = upstream;
    this.partitions = partitions;
    this.owners = owners;
    this.nodePids = nodePids;
    this.nodeOfPid = nodeOfPid;
  }

  public void start() throws IOException {
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(listen, 128);
    partitions.onHeal(onHeal);
    partitions.onCut(onCut);
    Thread t = new Thread(this::acceptLoop, "proxy-" + target + "-accept");
    t.setDaemon(true);
    t.start();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> open(client), "proxy-" + target + "-open");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("proxy for node {}: accept failed: {}", target, e.toString());
        }
      }
    }
  }

  private void open(Socket client) {
    int from = identify(client);
    Connection c = new Connection(from, client);
    connections.add(c);
    try {
      client.setTcpNoDelay(true);
      if (partitions.isCut(from, target)) {
        c.damaged = true;
        c.pump(client.getInputStream(), null, "in-cut");
        return;
      }
      Socket up = new Socket();
      up.setTcpNoDelay(true);
      up.connect(upstream, 2_000);
      c.upstream = up;
      c.pump(client.getInputStream(), up.getOutputStream(), "in");
      c.pump(up.getInputStream(), client.getOutputStream(), "out");
    } catch (IOException e) {
      c.close();
    }
  }

  /** The index of the node that opened this connection, or -1 if it is no node (or is unknown). */
  private int identify(Socket client) {
    Collection<Long> pids = nodePids.get();
    InetAddress local = client.getLocalAddress();
    if (!local.isLoopbackAddress()) {
      return -1;
    }
    return owners.owner(client.getPort(), client.getLocalPort(), pids).stream().mapToObj(nodeOfPid::apply)
        .findFirst().orElse(-1);
  }

  /** Connections open now, by the node that opened them (for tests and logs). */
  public int openConnections() {
    return connections.size();
  }

  /** A stream cut mid-flight has lost bytes whether or not any were sent since: it is closed at heal. */
  private void markCut() {
    for (Connection c : connections) {
      if (partitions.isCut(c.from, target)) {
        c.damaged = true;
      }
    }
  }

  private void closeDamaged() {
    for (Connection c : connections) {
      if (c.damaged) {
        c.close();
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    partitions.remove(onHeal);
    partitions.remove(onCut);
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
    connections.forEach(Connection::close);
  }

  private final class Connection {
    final int from;
    final Socket client;
    volatile Socket upstream;
    /** Bytes were dropped: the stream is broken and is closed at heal. */
    volatile boolean damaged;

    Connection(int from, Socket client) {
      this.from = from;
      this.client = client;
    }

    void pump(InputStream in, OutputStream out, String direction) {
      Thread t = new Thread(() -> {
        byte[] buf = new byte[BUFFER];
        try {
          int n;
          while ((n = in.read(buf)) >= 0) {
            if (out == null || partitions.isCut(from, target)) {
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
      }, "proxy-" + from + "-" + target + "-" + direction);
      t.setDaemon(true);
      t.start();
    }

    void close() {
      connections.remove(this);
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
