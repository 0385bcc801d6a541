package dev.raftseq.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class RatisLeaderProbeTest {
  @Test
  void parsesTheAddressesRaftNodeConfigWrites() {
    assertThat(RatisLeaderProbe.parse("127.0.0.1:3160").getPort()).isEqualTo(3160);
    assertThat(RatisLeaderProbe.parse(RaftNodeConfig.Peer.address("::1", 3161)).getAddress().getHostAddress())
        .isEqualTo("0:0:0:0:0:0:0:1");
    assertThat(RatisLeaderProbe.parse("no-port")).isNull();
    assertThat(RatisLeaderProbe.parse("host:")).isNull();
    assertThat(RatisLeaderProbe.parse("host:99999")).isNull();
  }

  @Test
  void aConnectionAcceptedAndClosedAtOnceCountsAsRefused() throws IOException {
    try (ServerSocket front = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (java.net.Socket s = front.accept()) {
          // a proxy whose server is gone: accept, then close without a byte
        } catch (IOException ignored) {
          // the test ends
        }
      });
      t.setDaemon(true);
      t.start();
      assertThat(RatisLeaderProbe.connect(RatisLeaderProbe.parse("127.0.0.1:" + front.getLocalPort()), 2_000))
          .isEqualTo(DeadLeaderWatch.Probe.REFUSED);
    }
  }

  @Test
  void onlyAClosedPortIsRefused() throws IOException {
    int port;
    try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = open.getLocalPort();
      assertThat(RatisLeaderProbe.connect(RatisLeaderProbe.parse("127.0.0.1:" + port), 500))
          .isEqualTo(DeadLeaderWatch.Probe.ACCEPTED);
    }
    assertThat(RatisLeaderProbe.connect(RatisLeaderProbe.parse("127.0.0.1:" + port), 500))
        .isEqualTo(DeadLeaderWatch.Probe.REFUSED);
  }
}
