package dev.raftseq.node.it;

import static dev.raftseq.node.it.JsonRpcClient.quantity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * A new user's first minutes: {@code java -jar node/target/node.jar} with no arguments (ports moved
 * to free ones through the environment), then cast and web3j against it, then a restart.
 */
class SingleNodeIT {
  private static final String DEV0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
  private static final String DEV0_KEY = Transfers.DEV_KEYS[0];
  private static final String TO = "0x2222222222222222222222222222222222222222";
  /** Recipient of the pool-error probes, so they do not change TO's balance. */
  private static final String SINK = "0x3333333333333333333333333333333333333333";

  @TempDir Path dir;

  /** The real node's pool answers with geth's codes and texts, and keeps serving. */
  private static void assertPoolErrorsOverHttp(JsonRpcClient rpc, long chainId) {
    Credentials dev2 = Transfers.dev(2);
    long nonce = quantity(rpc.result("eth_getTransactionCount", dev2.getAddress(), "pending"));
    // sent behind a nonce gap, it stays in the pool (no block can take it) for the next two probes
    String queued = Transfers.custom(chainId, dev2, nonce + 1, SINK, BigInteger.ONE, 21_000, 0, 100_000_000_000L);
    assertThat(rpc.call("eth_sendRawTransaction", queued).has("result")).isTrue();
    assertError(rpc.call("eth_sendRawTransaction", queued), -32000, "already known");
    assertError(rpc.call("eth_sendRawTransaction",
        Transfers.custom(chainId, dev2, nonce + 1, SINK, BigInteger.TWO, 21_000, 0, 105_000_000_000L)),
        -32000, "replacement transaction underpriced");
    String fillsTheGap = Transfers.custom(chainId, dev2, nonce, SINK, BigInteger.ONE, 21_000, 0, 100_000_000_000L);
    assertThat(rpc.call("eth_sendRawTransaction", fillsTheGap).has("result")).isTrue();
    Poll.until(Duration.ofSeconds(30), "dev2's two transfers included", () -> quantity(
        rpc.result("eth_getTransactionCount", dev2.getAddress(), "latest")) > nonce + 1);
    assertError(rpc.call("eth_sendRawTransaction",
        Transfers.custom(chainId, dev2, nonce, SINK, BigInteger.ONE, 21_000, 0, 100_000_000_000L)),
        -32000, "nonce too low");
    assertError(rpc.call("eth_sendRawTransaction",
        Transfers.custom(chainId, dev2, nonce + 2, SINK, BigInteger.ONE, 20_999, 0, 100_000_000_000L)),
        -32000, "intrinsic gas too low");
    assertError(rpc.call("eth_sendRawTransaction",
        Transfers.custom(chainId, dev2, nonce + 2, SINK, new BigInteger("100000000000000000000000"), 21_000, 0,
            100_000_000_000L)), -32000, "insufficient funds for gas * price + value");
    assertError(rpc.call("eth_sendRawTransaction",
        Transfers.custom(chainId, dev2, nonce + 2, SINK, BigInteger.ONE, 200_000_000, 0, 100_000_000_000L)),
        -32000, "exceeds block gas limit");
    assertError(rpc.call("eth_sendRawTransaction",
        Transfers.custom(chainId + 1, dev2, nonce + 2, SINK, BigInteger.ONE, 21_000, 0, 100_000_000_000L)),
        -32000, "invalid chain id");
    assertError(rpc.call("eth_sendRawTransaction", "0xdeadbeef"), -32000, "");
    assertError(rpc.call("eth_sendRawTransaction"), -32602, "");
    assertError(rpc.call("eth_noSuchMethod"), -32601, "");
    assertError(rpc.post("{not json", Duration.ofSeconds(5)), -32700, "");
    assertThat(rpc.result("eth_chainId").asText()).isEqualTo("0x" + Long.toHexString(chainId));
  }

  private static void assertError(JsonNode response, int code, String messagePrefix) {
    assertThat(response.has("error")).as("error expected: %s", response).isTrue();
    assertThat(response.get("error").get("code").asInt()).as("code of %s", response).isEqualTo(code);
    assertThat(response.get("error").get("message").asText()).as("message of %s", response).startsWith(messagePrefix);
  }

  @Test
  void castAndWeb3jWorkAndStateSurvivesRestart() throws Exception {
    int rpcPort = FreePorts.next();
    int statusPort = FreePorts.next();
    Map<String, String> env = Map.of(
        "RPC_ADDRESS", "127.0.0.1:" + rpcPort,
        "STATUS_SERVER_ADDRESS", "127.0.0.1:" + statusPort,
        "OBSERVABILITY_PROMETHEUS_PORT", Integer.toString(FreePorts.next()),
        "PROVER_API_ENABLED", "false",
        "GENERAL_ROCKS_DB_PATH", dir.resolve("db").toString());
    String url = "http://127.0.0.1:" + rpcPort;
    NodeProcess node = new NodeProcess("single", env, List.of(), dir.resolve("logs")).start();
    try {
      Poll.until(Duration.ofSeconds(60), "node ready", () -> StatusProbe.code(statusPort, "/status/ready") == 200);
      JsonNode status = StatusProbe.status(statusPort);
      assertThat(status.get("role").asText()).isEqualTo("single");
      assertThat(status.path("consensus").get("raft").isNull()).isTrue();

      long chainId = Long.parseLong(Cast.ok("chain-id", "--rpc-url", url));
      assertThat(chainId).isNotEqualTo(31337L);
      assertThat(Long.parseLong(Cast.ok("block-number", "--rpc-url", url))).isGreaterThanOrEqualTo(0);
      BigInteger before = new BigInteger(Cast.ok("balance", DEV0, "--rpc-url", url));
      assertThat(before).isPositive();

      // 1559 and legacy transfers with cast: cast waits for the receipt itself.
      long headAtSubmit = Long.parseLong(Cast.ok("block-number", "--rpc-url", url));
      String r1559 = Cast.ok("send", "--private-key", DEV0_KEY, TO, "--value", "1ether", "--rpc-url", url, "--json");
      JsonNode rc1 = JsonRpcClient.JSON.readTree(r1559);
      assertThat(rc1.get("status").asText()).isEqualTo("0x1");
      assertThat(quantity(rc1.get("blockNumber"))).as("included within 2 blocks").isLessThanOrEqualTo(headAtSubmit + 2);
      String rLegacy = Cast.ok("send", "--legacy", "--private-key", DEV0_KEY, TO, "--value", "1ether", "--rpc-url", url, "--json");
      JsonNode rc2 = JsonRpcClient.JSON.readTree(rLegacy);
      assertThat(rc2.get("status").asText()).isEqualTo("0x1");
      assertThat(rc2.get("type").asText()).isEqualTo("0x0");

      // cast receipt / tx / block agree with each other.
      String h1 = rc1.get("transactionHash").asText();
      JsonNode receipt = JsonRpcClient.JSON.readTree(Cast.ok("receipt", h1, "--rpc-url", url, "--json"));
      JsonNode tx = JsonRpcClient.JSON.readTree(Cast.ok("tx", h1, "--rpc-url", url, "--json"));
      JsonNode block = JsonRpcClient.JSON.readTree(
          Cast.ok("block", receipt.get("blockNumber").asText(), "--rpc-url", url, "--json"));
      assertThat(tx.get("blockHash").asText()).isEqualTo(receipt.get("blockHash").asText());
      assertThat(block.get("hash").asText()).isEqualTo(receipt.get("blockHash").asText());
      assertThat(block.toString()).contains(h1);
      assertThat(tx.get("from").asText()).isEqualToIgnoringCase(DEV0);
      assertThat(Cast.ok("balance", TO, "--rpc-url", url)).isEqualTo("2000000000000000000");
      JsonNode latest = JsonRpcClient.JSON.readTree(Cast.ok("block", "latest", "--rpc-url", url, "--json"));
      assertThat(quantity(latest.get("number"))).isGreaterThanOrEqualTo(quantity(receipt.get("blockNumber")));

      // The same with web3j from Java.
      Web3j web3 = Web3j.build(new HttpService(url));
      try {
        Credentials dev1 = Transfers.dev(1);
        TransactionReceipt wr = new Transfer(web3, new RawTransactionManager(web3, dev1, chainId))
            .sendFunds(TO, java.math.BigDecimal.ONE, Convert.Unit.ETHER).send();
        assertThat(wr.isStatusOK()).isTrue();
        assertThat(web3.ethGetBalance(TO, DefaultBlockParameterName.LATEST).send().getBalance())
            .isEqualTo(new BigInteger("3000000000000000000"));
      } finally {
        web3.shutdown();
      }

      assertPoolErrorsOverHttp(new JsonRpcClient(url), chainId);

      long headBefore = quantity(new JsonRpcClient(url).result("eth_blockNumber"));
      String headHash = new JsonRpcClient(url).result("eth_getBlockByNumber", "latest", false).get("hash").asText();
      node.stop();
      node = new NodeProcess("single-restarted", env, List.of(), dir.resolve("logs")).start();
      Poll.until(Duration.ofSeconds(60), "restarted node ready", () -> StatusProbe.code(statusPort, "/status/ready") == 200);
      JsonRpcClient rpc = new JsonRpcClient(url);
      assertThat(quantity(rpc.result("eth_blockNumber"))).isGreaterThanOrEqualTo(headBefore);
      assertThat(rpc.result("eth_getBlockByNumber", "0x" + Long.toHexString(headBefore), false).get("hash").asText())
          .isEqualTo(headHash);
      assertThat(Cast.ok("balance", TO, "--rpc-url", url)).isEqualTo("3000000000000000000");
      assertThat(rpc.result("eth_getTransactionReceipt", h1).get("status").asText()).isEqualTo("0x1");
    } catch (AssertionError | Exception e) {
      throw new AssertionError(e.getMessage() + "\n" + node.logTail(60), e);
    } finally {
      node.kill();
    }
  }
}
