package dev.raftseq.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentLayerTest {
  @Test
  void sectionAndFieldFromTheNameInEitherCase() {
    EnvironmentLayer l = EnvironmentLayer.of(Map.of(
        "NETWORK_SECRET_KEY", "k", "network_port", "3061", "Rpc_Address", "0.0.0.0:1"));

    assertThat(l.config().getString("network.secret_key")).isEqualTo("k");
    assertThat(l.config().getString("network.port")).isEqualTo("3061");
    assertThat(l.config().getString("rpc.address")).isEqualTo("0.0.0.0:1");
    assertThat(l.variableOf()).containsEntry("network.secret_key", "NETWORK_SECRET_KEY")
        .containsEntry("network.port", "network_port");
  }

  @Test
  void sectionsWithUnderscoresMatchTheLongestPrefix() {
    EnvironmentLayer l = EnvironmentLayer.of(Map.of(
        "STATUS_SERVER_ADDRESS", "0.0.0.0:3072",
        "PROVER_API_ENABLED", "false",
        "OBSERVABILITY_PROMETHEUS_PORT", "3313",
        "L1_PROVIDER_RPC_URL", "http://l1:8545",
        "GENERAL_L1_RPC_URL", "http://l1:8545"));

    assertThat(l.config().getString("status_server.address")).isEqualTo("0.0.0.0:3072");
    assertThat(l.config().getString("prover_api.enabled")).isEqualTo("false");
    assertThat(l.config().getString("observability.prometheus_port")).isEqualTo("3313");
    assertThat(l.config().getString("l1_provider.rpc_url")).isEqualTo("http://l1:8545");
    assertThat(l.config().getString("general.l1_rpc_url")).isEqualTo("http://l1:8545");
  }

  @Test
  void jsonSuffixParsesJson() {
    EnvironmentLayer l = EnvironmentLayer.of(Map.of(
        "CONSENSUS_PEER_IDS__JSON", "[\n\"0xaa\",\n\"0xbb\"\n]", "NETWORK_PORT__json", "3061"));

    assertThat(l.config().getStringList("consensus.peer_ids")).containsExactly("0xaa", "0xbb");
    assertThat(l.config().getInt("network.port")).isEqualTo(3061);
    assertThat(l.variableOf()).containsEntry("consensus.peer_ids", "CONSENSUS_PEER_IDS__JSON");
  }

  @Test
  void variablesOfOtherSectionsAreIgnored() {
    EnvironmentLayer l = EnvironmentLayer.of(Map.of("PATH", "/bin", "RUST_LOG", "info",
        "ETH_RPC_URL", "http://x", "NETWORK", "x", "NETWORK_", "x", "STATUS_PORT", "1",
        "NETWORKING_X", "1"));

    assertThat(l.config().isEmpty()).isTrue();
    assertThat(l.variableOf()).isEmpty();
  }

  @Test
  void theSameSettingTwiceWithTheSameValueIsFine() {
    EnvironmentLayer l = EnvironmentLayer.of(Map.of("NETWORK_PORT", "3061", "network_port", "3061"));

    assertThat(l.config().getString("network.port")).isEqualTo("3061");
  }

  @Test
  void theSameSettingTwiceWithDifferentValuesIsAnError() {
    assertThatThrownBy(() -> EnvironmentLayer.of(Map.of("NETWORK_PORT", "3061", "network_port", "3062")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("invalid setting network.port: both NETWORK_PORT and network_port are set, with"
            + " different values");
    assertThatThrownBy(() -> EnvironmentLayer.of(Map.of(
        "CONSENSUS_PEER_IDS", "0xaa", "CONSENSUS_PEER_IDS__JSON", "[\"0xaa\"]")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("both CONSENSUS_PEER_IDS and CONSENSUS_PEER_IDS__JSON are set");
  }

  @Test
  void malformedJsonNamesTheVariable() {
    for (String bad : List.of("[", "", "[\"a\"] x", "{\"a\":1,\"a\":2}", "[0x1]")) {
      assertThatThrownBy(() -> EnvironmentLayer.of(Map.of("CONSENSUS_PEER_IDS__JSON", bad)))
          .as(bad)
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageStartingWith("invalid setting CONSENSUS_PEER_IDS__JSON (consensus.peer_ids):"
              + " expected JSON, ");
    }
  }

  @Test
  void malformedJsonForTheSecretKeyDoesNotEchoIt() {
    assertThatThrownBy(() -> EnvironmentLayer.of(Map.of("NETWORK_SECRET_KEY__JSON", "0af61536zz")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("invalid setting NETWORK_SECRET_KEY__JSON (network.secret_key): expected JSON,"
            + " could not parse it");
  }
}
