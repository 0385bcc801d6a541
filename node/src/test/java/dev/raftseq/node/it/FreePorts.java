package dev.raftseq.node.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for node processes, so suites never collide. They are taken below Linux's
 * ephemeral range (32768-60999): a port from that range, free when handed out, can be taken by any
 * outgoing connection's local end while its node restarts ("Address already in use" on restart).
 */
final class FreePorts {
  private static final int LOW = 15_000;
  private static final int HIGH = 32_000;
  /** Handed out in this JVM and perhaps not bound yet: never handed out twice. */
  private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  static int next() {
    return enodePortWithFree(0);
  }

  /** A port that is free together with the port plus each offset (Raft, attestations, ...). */
  static int enodePortWithFree(int... offsets) {
    int max = 0;
    for (int o : offsets) {
      max = Math.max(max, o);
    }
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(LOW, HIGH - max);
      boolean free = bindable(base);
      for (int i = 0; i < offsets.length && free; i++) {
        free = bindable(base + offsets[i]);
      }
      if (free && GIVEN.add(base)) {
        boolean all = true;
        for (int o : offsets) {
          all &= o == 0 || GIVEN.add(base + o);
        }
        if (all) {
          return base;
        }
      }
    }
    throw new IllegalStateException("no free port with free ports at offsets " + java.util.Arrays.toString(offsets));
  }

  private static boolean bindable(int port) {
    if (GIVEN.contains(port)) {
      return false;
    }
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
