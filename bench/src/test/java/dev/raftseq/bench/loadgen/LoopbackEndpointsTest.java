package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackEndpointsTest {
  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8545", "http://127.9.8.7:1", "https://localhost:3050/", "http://LOCALHOST",
      "http://[::1]:8545", "http://[0:0:0:0:0:0:0:1]:8545/rpc"})
  void acceptsLoopback(String url) {
    assertThat(LoopbackEndpoints.requireLoopback(url).toString()).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://10.0.0.1:8545", "http://192.168.1.2", "http://0.0.0.0:8545", "http://[::]:8545",
      "http://example.com:8545", "http://localhost.example.com", "http://127.0.0.1.nip.io", "http://8.8.8.8",
      "http://[2001:db8::1]:8545", "http://2130706433"})
  void refusesEverythingElseWithTheReason(String url) {
    assertThatThrownBy(() -> LoopbackEndpoints.requireLoopback(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("forbids traffic to other addresses");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws://127.0.0.1:8545", "127.0.0.1:8545", "file:///etc/passwd", "http://", "http://[::1"})
  void refusesOtherSchemesAndMalformedUrls(String url) {
    assertThatThrownBy(() -> LoopbackEndpoints.requireLoopback(url)).isInstanceOf(IllegalArgumentException.class);
  }
}
