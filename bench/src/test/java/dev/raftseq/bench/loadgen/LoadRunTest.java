package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** The whole load generator against {@link FakeNode} over real loopback HTTP. */
class LoadRunTest {
  private static final List<String> SENDERS = DevAccounts.derive(DevAccounts.TEST_MNEMONIC, 3, 4).stream()
      .map(Credentials::getAddress).toList();

  @TempDir Path tmp;

  @Test
  void everyTransactionIsAckedAndIncludedAndTheResultLineIsWritten() throws Exception {
    Path out = tmp.resolve("results/run.jsonl");
    try (FakeNode node = new FakeNode(50, true, Map.of())) {
      Output o = runMain("--rpc", node.uri().toString(), "--rpc", node.uri().toString().replace("127.0.0.1", "localhost"),
          "--rate", "200", "--duration", "1", "--accounts", "4", "--first-account", "3", "--poll-ms", "10",
          "--drain-timeout", "10", "--out", out.toString(), "--label", "fake");

      assertThat(o.code).as(o.err).isZero();
      // each sender got exactly its share, with distinct nonces from the node's pending nonce on
      assertThat(node.acceptedPerSender()).isEqualTo(
          SENDERS.stream().collect(Collectors.toMap(a -> a, a -> BigInteger.valueOf(50))));
      assertThat(node.includedCount()).isEqualTo(200);
      JsonNode r = new ObjectMapper().readTree(Files.readString(out));
      assertThat(r.get("label").asText()).isEqualTo("fake");
      assertThat(r.get("chainId").asLong()).isEqualTo(FakeNode.CHAIN_ID);
      assertThat(r.get("planned").asLong()).isEqualTo(200);
      assertThat(r.get("sent").asLong()).isEqualTo(200);
      assertThat(r.get("acked").asLong()).isEqualTo(200);
      assertThat(r.get("included").asLong()).isEqualTo(200);
      assertThat(r.get("errors").asLong()).isZero();
      assertThat(r.get("notIncluded").asLong()).isZero();
      assertThat(r.get("ackLatency").get("count").asLong()).isEqualTo(200);
      assertThat(r.get("inclusionLatency").get("count").asLong()).isEqualTo(200);
      // a tx waits at least until the next block is sealed and polled, never beyond the drain phase
      assertThat(r.get("inclusionLatency").get("maxMs").asDouble()).isBetween(1.0, 10_000.0);
      assertThat(r.get("inclusionLatency").get("p50Ms").asDouble())
          .isGreaterThanOrEqualTo(r.get("ackLatency").get("p50Ms").asDouble());
      assertThat(r.get("submittedTps").asDouble()).isBetween(100.0, 201.0);
      assertThat(r.get("includedTps").asDouble()).isPositive();
      assertThat(r.get("blocksWithOurTxs").asLong()).isPositive();
      assertThat(o.out).contains("200 planned, 200 sent, 200 acked, 200 included, 0 errors");
    }
  }

  @Test
  void rejectionsAreCountedByMessageAndTheRestStillLands() throws Exception {
    String poor = SENDERS.get(1);
    try (FakeNode node = new FakeNode(30, true,
        Map.of(poor, "insufficient funds for gas * price + value: have 0 want 42000000000000"))) {
      LoadGenResult r = run(node, "--rate", "200", "--duration", "0.5", "--type", "legacy", "--chain-id", "31337");

      assertThat(r.sent()).isEqualTo(100);
      assertThat(r.errors()).isEqualTo(25);
      assertThat(r.errorsByMessage()).isEqualTo(
          Map.of("rpc error -N: insufficient funds for gas * price + value: have N want N", 25L));
      assertThat(r.acked()).isEqualTo(75);
      assertThat(r.included()).isEqualTo(75);
      assertThat(r.type()).isEqualTo("legacy");
    }
  }

  @Test
  void stopsByItselfWhenNothingIsEverIncluded() throws Exception {
    try (FakeNode node = new FakeNode(10, false, Map.of())) {
      long t0 = System.nanoTime();
      LoadGenResult r = run(node, "--rate", "100", "--duration", "0.3", "--drain-timeout", "0.5");
      double wall = (System.nanoTime() - t0) / 1e9;

      // Under CPU starvation a few answers may still be in flight when the drain ends; what matters
      // is that the run ends on its own and counts every acknowledged transaction as not included.
      assertThat(r.planned()).isEqualTo(30);
      assertThat(r.acked()).isPositive();
      assertThat(r.included()).isZero();
      assertThat(r.notIncluded()).isEqualTo(r.acked());
      assertThat(r.includedTps()).isZero();
      assertThat(r.inclusionLatency()).isEqualTo(LatencySummary.EMPTY);
      // it waited out the 0.5 s drain timeout after the last send, and then stopped
      assertThat(r.wallSeconds()).isBetween(0.5, 30.0);
      assertThat(wall).isLessThan(30); // setup (signing) included
    }
  }

  @Test
  void unreachableNodeIsASetupErrorNotACrash() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Output o = runMain("--rpc", "http://127.0.0.1:" + port, "--duration", "1");
    assertThat(o.code).isEqualTo(3);
    assertThat(o.err).contains("setup against http://127.0.0.1:" + port + " failed: io ConnectException");
  }

  @Test
  void nonLoopbackTargetsAreRefusedBeforeAnyTraffic() {
    Output o = runMain("--rpc", "http://192.0.2.1:8545");
    assertThat(o.code).isEqualTo(2);
    assertThat(o.err).contains("refusing to send to '192.0.2.1'").contains("forbids traffic to other addresses");
    assertThat(runMain("--help").out).contains("usage: LoadGen");
  }

  private static LoadGenResult run(FakeNode node, String... extra) {
    String[] base = {"--rpc", node.uri().toString(), "--accounts", "4", "--first-account", "3", "--poll-ms", "5"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    LoadGenOptions options = LoadGenOptions.parse(args);
    try (JsonRpcClient rpc = new JsonRpcClient(options.requestTimeout())) {
      return new LoadRun(options, rpc, Ticker.system(), Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream()))
          .run();
    }
  }

  private record Output(int code, String out, String err) {}

  private static Output runMain(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = dev.raftseq.bench.LoadGenAccess.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
