package dev.raftseq.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.Address;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batcher's settings: batcher.*, l1_sender.*, l1_provider.*, with zksync-os-server's names. */
class BatcherSettingsConfigTest {
  private static final Path REPO = SeedEnv.repoRoot();
  private static final String OPERATOR_KEY = "0xd171e330db3713b3871a83a626dff2754a0101bbbc16d3ce3a72d130a3167fa9";

  @TempDir Path tmp;

  private static NodeConfig repo(Map<String, String> env) {
    return new ConfigLoader(REPO).load(CommandLine.parse(SeedEnv.SEED_ARGS), env);
  }

  private NodeConfig inTmp(Map<String, String> env) {
    return new ConfigLoader(tmp).load(CommandLine.parse(), env);
  }

  @Test
  void defaults() {
    NodeConfig c = inTmp(Map.of());
    assertThat(c.batcher()).isEqualTo(new BatcherConfig(true, Duration.ofSeconds(60), 100, 10_000, 1_000_000_000L,
        false, Duration.ofMillis(100), Duration.ofSeconds(10), 200));
    assertThat(c.l1Sender().contractAddress()).isEmpty();
    assertThat(c.l1Sender().operatorPrivateKey()).isEmpty();
    assertThat(c.l1Sender().confirmations()).isEqualTo(1);
    assertThat(c.l1Sender().maxFeePerGasWei()).isEqualTo(BigInteger.valueOf(100_000_000_000L));
    assertThat(c.l1Sender().maxPriorityFeePerGasWei()).isEqualTo(BigInteger.valueOf(5_000_000_000L));
    assertThat(c.l1Sender().stuckTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.l1Provider().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theRepositorysChainConfigNamesTheContractOfItsL1StateAndItsOperator() {
    NodeConfig c = repo(Map.of());
    assertThat(c.l1Sender().contractAddress()).contains(Address.fromHex("0xDdE5d695094275eF3F0FFBA935ddAA8ba5aeBEDc"));
    assertThat(c.l1Sender().operatorAddress()).contains(Address.fromHex("0x66ebbb2F9970cfE36E7780d794cf6EA4C9264531"));
    assertThat(c.batcher().batchTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.toString()).doesNotContain(OPERATOR_KEY.substring(2)).contains("0x66ebbb2f");
    // the seed's node 1 settles; nodes 2 and 3 do not
    assertThat(repo(SeedEnv.consensusNode1()).batcher().enabled()).isTrue();
    assertThat(repo(SeedEnv.consensusNode2()).batcher().enabled()).isFalse();
  }

  @Test
  void environmentSetsEverySetting() throws Exception {
    Path keyFile = Files.writeString(tmp.resolve("operator.key"), OPERATOR_KEY.substring(2) + "\n");
    Map<String, String> env = new HashMap<>();
    env.put("BATCHER_FOLLOW_LEADER", "true");
    env.put("BATCHER_BATCH_TIMEOUT", "2s");
    env.put("BATCHER_BLOCKS_PER_BATCH_LIMIT", "7");
    env.put("BATCHER_TX_PER_BATCH_LIMIT", "500");
    env.put("BATCHER_GAS_PER_BATCH_LIMIT", "30000000");
    env.put("L1_SENDER_CONTRACT_ADDRESS", "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    env.put("L1_SENDER_OPERATOR_KEY_FILE", keyFile.toString());
    env.put("L1_SENDER_CONFIRMATIONS", "3");
    env.put("l1_sender_max_fee_per_gas_gwei", "20");
    env.put("L1_SENDER_MAX_PRIORITY_FEE_PER_GAS_GWEI", "2");
    env.put("L1_SENDER_STUCK_TIMEOUT", "1m");
    env.put("L1_PROVIDER_RPC_URL", "http://l1.example:8545");
    env.put("L1_PROVIDER_REQUEST_TIMEOUT", "5s");
    env.put("PROVER_API_ADDRESS", "127.0.0.1:0");
    env.put("BATCHER_ATTESTATION_PORT_OFFSET", "300");
    NodeConfig c = inTmp(env);
    assertThat(c.batcher().attestationPortOffset()).isEqualTo(300);
    assertThat(c.batcher().followLeader()).isTrue();
    assertThat(c.batcher().batchTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.batcher().blocksPerBatchLimit()).isEqualTo(7);
    assertThat(c.batcher().txPerBatchLimit()).isEqualTo(500);
    assertThat(c.batcher().gasPerBatchLimit()).isEqualTo(30_000_000);
    assertThat(c.l1Sender().contractAddress()).contains(Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
    assertThat(c.l1Sender().operatorPrivateKey()).contains(OPERATOR_KEY);
    assertThat(c.l1Sender().confirmations()).isEqualTo(3);
    assertThat(c.l1Sender().maxFeePerGasGwei()).isEqualTo(20);
    assertThat(c.l1Sender().maxPriorityFeePerGasGwei()).isEqualTo(2);
    assertThat(c.l1Sender().stuckTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.general().l1RpcUrl()).isEqualTo(URI.create("http://l1.example:8545"));
    assertThat(c.l1Provider().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.proverApi().address()).isEqualTo(new HostPort("127.0.0.1", 0));
  }

  @Test
  void wrongSettingsStopTheNodeNamingTheSetting() throws Exception {
    assertThatThrownBy(() -> inTmp(Map.of("L1_SENDER_CONTRACT_ADDRESS", "0x1234")))
        .hasMessageContaining("L1_SENDER_CONTRACT_ADDRESS (l1_sender.contract_address)")
        .hasMessageContaining("40 hex");
    assertThatThrownBy(() -> inTmp(Map.of("L1_SENDER_OPERATOR_COMMIT_PK", "0xnothex-secret-value")))
        .hasMessageContaining("L1_SENDER_OPERATOR_COMMIT_PK")
        .message().doesNotContain("secret-value");
    Path keyFile = Files.writeString(tmp.resolve("k"), OPERATOR_KEY);
    assertThatThrownBy(() -> inTmp(Map.of("L1_SENDER_OPERATOR_COMMIT_PK", OPERATOR_KEY,
        "L1_SENDER_OPERATOR_KEY_FILE", keyFile.toString()))).hasMessageContaining("not both");
    assertThatThrownBy(() -> inTmp(Map.of("L1_SENDER_OPERATOR_KEY_FILE", tmp.resolve("missing").toString())))
        .hasMessageContaining("L1_SENDER_OPERATOR_KEY_FILE").hasMessageContaining("cannot read");
    assertThatThrownBy(() -> inTmp(Map.of("L1_SENDER_MAX_PRIORITY_FEE_PER_GAS_GWEI", "200")))
        .hasMessageContaining("must not exceed l1_sender.max_fee_per_gas_gwei");
    assertThatThrownBy(() -> inTmp(Map.of("L1_SENDER_FEE_BUMP_PERCENT", "5")))
        .hasMessageContaining("L1_SENDER_FEE_BUMP_PERCENT");
    assertThatThrownBy(() -> inTmp(Map.of("BATCHER_BLOCKS_PER_BATCH_LIMIT", "0")))
        .hasMessageContaining("BATCHER_BLOCKS_PER_BATCH_LIMIT");
    assertThatThrownBy(() -> inTmp(Map.of("BATCHER_ATTESTATION_PORT_OFFSET", "0")))
        .hasMessageContaining("BATCHER_ATTESTATION_PORT_OFFSET");
    assertThatThrownBy(() -> inTmp(Map.of("L1_SENDER_NO_SUCH_THING", "1")))
        .hasMessageContaining("unknown setting L1_SENDER_NO_SUCH_THING");
  }

  @Test
  void aClusterNodeThatSettlesNeedsTheContractAndTheOperatorKey() {
    Map<String, String> node1 = new HashMap<>(SeedEnv.consensusNode1());
    assertThatThrownBy(() -> inTmp(node1))
        .hasMessageContaining("l1_sender.contract_address").hasMessageContaining("required when batcher.enabled=true");
    node1.put("L1_SENDER_CONTRACT_ADDRESS", "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    assertThatThrownBy(() -> inTmp(node1)).hasMessageContaining("l1_sender.operator_commit_pk");
    node1.put("L1_SENDER_OPERATOR_COMMIT_PK", OPERATOR_KEY);
    assertThat(inTmp(node1).l1Sender().operatorPrivateKey()).isPresent();
    // the others, with BATCHER_ENABLED=false, need neither
    assertThat(inTmp(SeedEnv.consensusNode2()).batcher().enabled()).isFalse();
  }
}
