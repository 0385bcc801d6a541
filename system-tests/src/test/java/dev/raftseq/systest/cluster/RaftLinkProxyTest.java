package dev.raftseq.systest.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The partition proxy over real sockets: this test process plays node 0 connecting to node 1,
 * whose "Raft port" is an echo server on 127.0.0.2.
 */
class RaftLinkProxyTest {
  private final PartitionTable partitions = new PartitionTable();
  private ServerSocket echo;
  private RaftLinkProxy proxy;
  private int proxyPort;
  private volatile int sourceIndex = 0;

  @BeforeEach
  void start() throws IOException {
    echo = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"));
    Thread t = new Thread(this::echoLoop, "echo");
    t.setDaemon(true);
    t.start();
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      proxyPort = probe.getLocalPort();
    }
    long self = ProcessHandle.current().pid();
    proxy = new RaftLinkProxy(1, new InetSocketAddress("127.0.0.1", proxyPort),
        new InetSocketAddress("127.0.0.2", echo.getLocalPort()), partitions, SocketOwners.system(),
        () -> List.of(self), pid -> pid == self ? sourceIndex : -1);
    proxy.start();
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  private void echoLoop() {
    while (!echo.isClosed()) {
      try {
        Socket s = echo.accept();
        Thread t = new Thread(() -> {
          try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            in.transferTo(out);
          } catch (IOException ignored) {
            // closed
          }
        });
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  @Test
  void whileTheNodeIsDownAConnectionIsClosedAtOnceWithoutAByte() throws IOException {
    echo.close(); // the node behind the proxy is dead: its port refuses the proxy's upstream connection
    try (Socket s = connect()) {
      int first;
      try {
        first = s.getInputStream().read();
      } catch (java.net.SocketException reset) {
        first = -1;
      }
      assertThat(first).as("closed, as the dead-leader probe expects of a dead server behind a proxy").isEqualTo(-1);
    }
  }

  private Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", proxyPort);
    s.setSoTimeout(10_000);
    return s;
  }

  private static String roundTrip(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes());
    byte[] b = s.getInputStream().readNBytes(text.length());
    return new String(b);
  }

  @Test
  void forwardsWhileTheLinkIsUp() throws IOException {
    try (Socket s = connect()) {
      assertThat(roundTrip(s, "hello")).isEqualTo("hello");
      assertThat(roundTrip(s, "again")).isEqualTo("again");
    }
  }

  @Test
  void aCutLinkLosesEveryByteUntilHealedThenItsConnectionsCloseAndNewOnesWork() throws IOException {
    try (Socket s = connect()) {
      assertThat(roundTrip(s, "before")).isEqualTo("before");

      partitions.cut(Set.of(new Link(0, 1)));
      s.getOutputStream().write("lost".getBytes());
      s.setSoTimeout(1_000);
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

      try (Socket during = connect()) {
        during.getOutputStream().write("also lost".getBytes());
        during.setSoTimeout(1_000);
        assertThatThrownBy(() -> during.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

        partitions.healAll();

        s.setSoTimeout(10_000);
        during.setSoTimeout(10_000);
        assertThat(readUntilClosed(s)).isTrue();
        assertThat(readUntilClosed(during)).isTrue();
      }
    }
    try (Socket after = connect()) {
      assertThat(roundTrip(after, "after")).isEqualTo("after");
    }
  }

  @Test
  void aConnectionFromNoKnownNodeIsNeverCut() throws IOException {
    sourceIndex = -1;
    partitions.cut(Set.of(new Link(0, 1)));
    try (Socket s = connect()) {
      assertThat(roundTrip(s, "stranger")).isEqualTo("stranger");
    }
  }

  @Test
  void cuttingOtherLinksLeavesThisOneAlone() throws IOException {
    partitions.cut(Set.of(new Link(0, 2)));
    try (Socket s = connect()) {
      assertThat(roundTrip(s, "fine")).isEqualTo("fine");
    }
  }

  /** True once the peer closed the connection (EOF or reset). */
  private static boolean readUntilClosed(Socket s) {
    try {
      return s.getInputStream().read() < 0 || readUntilClosed(s);
    } catch (IOException reset) {
      return !(reset instanceof SocketTimeoutException);
    }
  }
}
