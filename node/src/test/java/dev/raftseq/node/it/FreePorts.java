package dev.raftseq.node.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ephemeral loopback ports for node processes, so suites never collide. */
final class FreePorts {
  private FreePorts() {}

  /**
   * A port {@code p} free together with {@code p + offset}: a node's p2p port and its Raft port
   * (p2p port + consensus.raft_port_offset).
   */
  static int nextPair(int offset) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int high = next();
      int p = high - offset;
      if (p < 1024) {
        continue;
      }
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        return p;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port pair " + offset + " apart");
  }

  static int next() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
