package dev.raftseq.node.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ephemeral loopback ports for node processes, so suites never collide. */
final class FreePorts {
  private FreePorts() {}

  static int next() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An enode port whose derived ports (the port plus each offset: Raft, attestations) are all free,
   * the first offset's being an ephemeral port just handed out.
   */
  static int enodePortWithFree(int... offsets) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = next() - offsets[0];
      boolean free = base > 1024;
      for (int i = 1; i < offsets.length && free; i++) {
        free = bindable(base + offsets[i]);
      }
      if (free) {
        return base;
      }
    }
    throw new IllegalStateException("no enode port with free ports at offsets " + java.util.Arrays.toString(offsets));
  }

  private static boolean bindable(int port) {
    if (port > 65535) {
      return false;
    }
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
