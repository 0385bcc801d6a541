package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoadGenOptionsTest {
  @Test
  void parsesEveryOption() {
    LoadGenOptions o = LoadGenOptions.parse("--rpc", "http://127.0.0.1:1", "--rpc=http://localhost:2",
        "--chain-id", "270", "--accounts", "20", "--first-account", "10", "--rate", "250.5", "--duration", "2.5",
        "--max-txs", "300", "--type", "legacy", "--max-fee", "2gwei", "--tip", "0.5 gwei", "--gas-limit", "30000",
        "--value", "7", "--drain-timeout", "3", "--poll-ms", "5", "--request-timeout", "1.5", "--max-in-flight", "64",
        "--out", "r.jsonl", "--label", "ours", "--mnemonic", DevAccounts.TEST_MNEMONIC);
    assertThat(o.rpcs()).containsExactly(URI.create("http://127.0.0.1:1"), URI.create("http://localhost:2"));
    assertThat(o.chainId()).contains(270L);
    assertThat(o.accounts()).isEqualTo(20);
    assertThat(o.firstAccount()).isEqualTo(10);
    assertThat(o.ratePerSecond()).isEqualTo(250.5);
    assertThat(o.duration()).isEqualTo(Duration.ofMillis(2500));
    assertThat(o.plannedTxs()).isEqualTo(300); // 627 by rate, capped
    assertThat(o.kind()).isEqualTo(TxKind.LEGACY);
    assertThat(o.maxFee()).contains(BigInteger.valueOf(2_000_000_000L));
    assertThat(o.tip()).contains(BigInteger.valueOf(500_000_000L));
    assertThat(o.gasLimit()).isEqualTo(BigInteger.valueOf(30_000));
    assertThat(o.value()).isEqualTo(BigInteger.valueOf(7));
    assertThat(o.drainTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(o.pollInterval()).isEqualTo(Duration.ofMillis(5));
    assertThat(o.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(o.maxInFlight()).isEqualTo(64);
    assertThat(o.out()).contains(Path.of("r.jsonl"));
    assertThat(o.label()).isEqualTo("ours");
  }

  @Test
  void defaults() {
    LoadGenOptions o = LoadGenOptions.parse("--rpc", "http://127.0.0.1:8545");
    assertThat(o.chainId()).isEmpty();
    assertThat(o.kind()).isEqualTo(TxKind.EIP1559);
    assertThat(o.plannedTxs()).isEqualTo(1000); // 100 tx/s × 10 s
    assertThat(o.accounts()).isEqualTo(10);
    assertThat(o.firstAccount()).isZero();
    assertThat(o.maxFee()).isEmpty();
    assertThat(o.out()).isEmpty();
    assertThat(o.maxInFlight()).isEqualTo(4096);
    assertThat(o.label()).isEqualTo("http://127.0.0.1:8545");
    assertThat(new LoadGenOptions(List.of(URI.create("http://127.0.0.1:1")), Optional.empty(), "m", 0, 1, 0.5,
        Duration.ofSeconds(1), 10, TxKind.EIP1559, Optional.empty(), Optional.empty(), BigInteger.ONE, BigInteger.ONE,
        Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(1), 1, Optional.empty(), null, 0, 1).plannedTxs())
        .isEqualTo(1); // half a transaction rounds up
  }

  @Test
  void refusesNonLoopbackBeforeAnythingElse() {
    assertThatThrownBy(() -> LoadGenOptions.parse("--rpc", "http://127.0.0.1:1", "--rpc", "http://10.1.2.3:8545"))
        .hasMessageContaining("refusing to send to '10.1.2.3'")
        .hasMessageContaining("forbids traffic to other addresses");
  }

  @Test
  void explainsBadArguments() {
    String rpc = "--rpc=http://127.0.0.1:1";
    assertThatThrownBy(LoadGenOptions::parse).hasMessageContaining("--rpc URL is required");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--rate")).hasMessage("--rate needs a value");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--rate", "fast")).hasMessageContaining("--rate must be a number");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--rate", "0")).hasMessageContaining("--rate must be in");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--rate", "NaN")).hasMessageContaining("--rate must be a number");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--duration", "-1")).hasMessageContaining("--duration");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--duration", "7200")).hasMessageContaining("--duration");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--rate", "100000", "--duration", "3600"))
        .hasMessageContaining("exceeds the cap");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--max-txs", "2000000")).hasMessageContaining("--max-txs");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--accounts", "0")).hasMessageContaining("--accounts");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--accounts", "99999999999")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--type", "4844")).hasMessageContaining("legacy or 1559");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--max-fee", "1.5")).hasMessageContaining("whole number of wei");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--max-fee", "-1gwei")).hasMessageContaining("negative");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--chain-id", "0")).hasMessageContaining("--chain-id");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--poll-ms", "0")).hasMessageContaining("--poll-ms");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "--bogus", "1")).hasMessage("unknown option '--bogus'");
    assertThatThrownBy(() -> LoadGenOptions.parse(rpc, "stray")).hasMessage("unexpected argument 'stray'");
  }
}
