package dev.raftseq.systest.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketOwnersTest {
  @Test
  void findsTheProcessHoldingTheClientEndOfALoopbackConnection() throws IOException {
    SocketOwners owners = SocketOwners.system();
    assertThat(owners.available()).isTrue();
    long self = ProcessHandle.current().pid();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept()) {
      assertThat(owners.owner(accepted.getPort(), accepted.getLocalPort(), List.of(self))).hasValue(self);
      assertThat(owners.owner(accepted.getPort(), accepted.getLocalPort(), List.of(self + 1_000_000))).isEmpty();
      assertThat(owners.owner(accepted.getPort() == 1 ? 2 : 1, accepted.getLocalPort(), List.of(self))).isEmpty();
    }
  }

  @Test
  void parsesTableRowsOfBothFamilies() {
    String v4 = "   3: 0100007F:9C40 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 123456 1 "
        + "0000000000000000 20 4 30 10 -1";
    String v6 = "   0: 0000000000000000FFFF00000100007F:9C40 0000000000000000FFFF00000100007F:1F90 01 00000000:00000000"
        + " 00:00000000 00000000     0        0 654321 1 0000000000000000 20 4 0 10 -1";
    assertThat(SocketOwners.match(v4, 0x9C40, 0x1F90)).hasValue(123456);
    assertThat(SocketOwners.match(v6, 0x9C40, 0x1F90)).hasValue(654321);
    assertThat(SocketOwners.match(v4, 0x1F90, 0x9C40)).isEmpty();
    assertThat(SocketOwners.match("  sl  local_address rem_address   st", 1, 2)).isEmpty();
  }
}
