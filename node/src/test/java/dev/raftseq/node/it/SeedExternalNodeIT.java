package dev.raftseq.node.it;

import static dev.raftseq.node.it.JsonRpcClient.quantity;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.raftseq.node.config.SeedEnv;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 002's "ExternalNode" example as written (lower-case variables, no --config, one main node
 * with consensus off, the external node's boot list holding its own id and two ids at the main
 * node's address), run as {@code java -jar node/target/node.jar}. Only ports and data directories
 * are moved, through the same variables, so the test never collides with anything on the machine.
 */
class SeedExternalNodeIT {
  private static final String TO = "0x6666666666666666666666666666666666666666";

  @TempDir Path dir;

  @Test
  void seedMainNodeAndExternalNodeExample() throws Exception {
    int mainP2p = FreePorts.next();
    int mainRpc = FreePorts.next();
    int extP2p = FreePorts.next();
    int extRpc = FreePorts.next();
    int extProver = FreePorts.next();

    Map<String, String> main = moved(SeedEnv.exampleMainNode(), mainP2p, mainRpc);
    main.put("network_port", Integer.toString(mainP2p));
    main.put("rpc_address", "127.0.0.1:" + mainRpc);
    main.put("status_server_address", "127.0.0.1:" + FreePorts.next());
    main.put("observability_prometheus_port", Integer.toString(FreePorts.next()));
    main.put("prover_api_address", "127.0.0.1:" + FreePorts.next());
    main.put("general_rocks_db_path", dir.resolve("db/node1").toString());

    Map<String, String> ext = moved(SeedEnv.exampleExternalNode(), mainP2p, mainRpc);
    assertThat(ext).containsEntry("general_node_role", "external").containsEntry("status_server_enabled", "false");
    ext.put("network_port", Integer.toString(extP2p));
    ext.put("rpc_address", "127.0.0.1:" + extRpc);
    ext.put("observability_prometheus_port", Integer.toString(FreePorts.next()));
    ext.put("prover_api_address", "127.0.0.1:" + extProver);
    ext.put("general_rocks_db_path", dir.resolve("db/en").toString());

    NodeProcess mainNode = new NodeProcess("seed-main", main, List.of(), dir.resolve("logs"));
    NodeProcess extNode = new NodeProcess("seed-external", ext, List.of(), dir.resolve("logs"));
    try (mainNode; extNode) {
      try {
        run(mainNode, extNode, new JsonRpcClient("http://127.0.0.1:" + mainRpc),
            new JsonRpcClient("http://127.0.0.1:" + extRpc), extProver);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n---- main\n" + mainNode.logTail(60) + "\n---- external\n"
            + extNode.logTail(60), e);
      }
    }
  }

  private static void run(NodeProcess mainNode, NodeProcess extNode, JsonRpcClient main, JsonRpcClient ext,
      int extProver) throws Exception {
    mainNode.start();
    Poll.until(Duration.ofSeconds(90), "the main node serving", () -> main.call("eth_chainId").has("result"));
    long chainId = quantity(main.result("eth_chainId"));
    // a block before the external node exists: it syncs it at start
    main.result("eth_sendRawTransaction", Transfers.eip1559(chainId, Transfers.dev(3), 0, TO, BigInteger.ONE));
    Poll.until(Duration.ofSeconds(30), "block 1 on the main node", () -> quantity(main.result("eth_blockNumber")) >= 1);

    extNode.start();
    Poll.until(Duration.ofSeconds(90), "the external node at the main node's head", () ->
        ext.call("eth_blockNumber").has("result")
            && quantity(ext.result("eth_blockNumber")) >= quantity(main.result("eth_blockNumber")));
    assertThat(ext.result("eth_syncing").asBoolean()).isFalse();
    assertThat(quantity(ext.result("net_peerCount"))).as("the main node is its peer").isEqualTo(1);

    // a transfer through the external node: forwarded, the main node's hash returned, replayed back
    String raw = Transfers.eip1559(chainId, Transfers.dev(3), 1, TO, BigInteger.TWO);
    String hash = ext.result("eth_sendRawTransaction", raw).asText();
    assertThat(hash).isEqualTo(org.web3j.crypto.Hash.sha3(raw));
    assertThat(quantity(ext.result("eth_getTransactionCount", Transfers.dev(3).getAddress(), "pending")))
        .as("the pending nonce counts the forwarded transaction, included or not").isEqualTo(2);
    JsonNode receipt = Poll.value(Duration.ofSeconds(30), "the receipt on the external node", () -> {
      JsonNode r = ext.result("eth_getTransactionReceipt", hash);
      return r.isNull() ? null : r;
    });
    assertThat(receipt.get("status").asText()).isEqualTo("0x1");
    String block = receipt.get("blockHash").asText();
    assertThat(main.result("eth_getBlockByHash", block, false).get("hash").asText()).isEqualTo(block);
    assertThat(ext.result("eth_getBalance", TO, receipt.get("blockNumber").asText()).asText()).isEqualTo("0x3");

    // the main node's errors come back unchanged
    JsonNode direct = main.call("eth_sendRawTransaction", raw);
    JsonNode forwarded = ext.call("eth_sendRawTransaction", raw);
    assertThat(direct.get("error").get("message").asText()).startsWith("nonce too low");
    assertThat(forwarded.get("error")).isEqualTo(direct.get("error"));

    // no prover API on an external node, whatever prover_api.enabled says (its default is true)
    try (ServerSocket free = new ServerSocket(extProver, 1, InetAddress.getLoopbackAddress())) {
      assertThat(free.getLocalPort()).isEqualTo(extProver);
    }
    assertThat(mainNode.isAlive()).isTrue();
    assertThat(extNode.isAlive()).isTrue();

    // stopped, it falls behind; restarted on its database, it syncs from its head + 1
    extNode.stop();
    long stoppedAt = quantity(receipt.get("blockNumber"));
    for (int n = 2; n < 5; n++) {
      main.result("eth_sendRawTransaction", Transfers.eip1559(chainId, Transfers.dev(3), n, TO, BigInteger.ONE));
    }
    Poll.until(Duration.ofSeconds(30), "the main node past the external node",
        () -> quantity(main.result("eth_getTransactionCount", Transfers.dev(3).getAddress(), "latest")) == 5);
    long mainHead = quantity(main.result("eth_blockNumber"));
    assertThat(mainHead).isGreaterThan(stoppedAt);
    extNode.start();
    Poll.until(Duration.ofSeconds(90), "the restarted external node at the main node's head", () ->
        ext.call("eth_blockNumber").has("result") && quantity(ext.result("eth_blockNumber")) >= mainHead);
    String tag = "0x" + Long.toHexString(mainHead);
    assertThat(ext.result("eth_getBlockByNumber", tag, false).get("hash").asText())
        .isEqualTo(main.result("eth_getBlockByNumber", tag, false).get("hash").asText());
    assertThat(ext.result("eth_getBalance", TO, tag).asText()).isEqualTo("0x6");
    assertThat(extNode.logTail(400)).as("restarted on its own database").contains("head " + stoppedAt + " 0x");
  }

  /** The seed's variables with its main-node p2p (3060) and RPC (3050) ports replaced by free ones. */
  private static Map<String, String> moved(Map<String, String> seed, int p2p, int rpc) {
    Map<String, String> env = new HashMap<>();
    seed.forEach((k, v) -> env.put(k, v.replace("127.0.0.1:3060", "127.0.0.1:" + p2p)
        .replace("127.0.0.1:3050", "127.0.0.1:" + rpc)));
    return env;
  }
}
