package dev.raftseq.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ERC-20 session of the EVM issue with cast, through a follower of the three-node cluster and
 * then through an external node beside it (general.node_role=external: writes forwarded to the
 * cluster, reads and calls served from its replayed database): deploy with {@code cast send
 * --create}, transfer, read with {@code cast call}, find the Transfer log with {@code cast logs},
 * and an overdraw reported like geth (code 3 with the reason); the leader then holds the same
 * contract state.
 */
class Erc20ThroughFollowerIT {
  private static final String DEAD = "0x000000000000000000000000000000000000dEaD";

  @TempDir Path dir;

  @Test
  void erc20DeployedTransferredAndReadThroughAFollowerAndAnExternalNode() throws Exception {
    try (ClusterFixture c = new ClusterFixture(dir)) {
      try {
        run(c);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n" + c.logs(), e);
      }
    }
  }

  private void run(ClusterFixture c) throws Exception {
    c.startAll();
    int leader = c.awaitLeader(Duration.ofSeconds(90));
    int follower = (leader + 1) % 3;
    c.startExternal(follower);
    session(c.rpc(follower).url(), c.rpc(leader).url());
    Poll.until(Duration.ofSeconds(60), "the external node synced",
        () -> StatusProbe.code(c.externalStatusPort(), "/status/ready") == 200);
    session(c.externalRpc().url(), c.rpc(leader).url());
  }

  private static void session(String url, String leaderUrl) throws Exception {
    String key = Transfers.DEV_KEYS[0];
    JsonNode artifact = JsonRpcClient.JSON.readTree(
        Files.readString(NodeProcess.REPO.resolve("local-chains/contracts/l2/RaftseqToken.json")));
    String args = Cast.ok("abi-encode", "constructor(string,string,uint256)", "Raftseq", "RSQ", "1000000");

    JsonNode deployed = JsonRpcClient.JSON.readTree(Cast.ok("send", "--private-key", key, "--rpc-url", url,
        "--json", "--create", artifact.get("bytecode").asText() + args.substring(2)));
    assertThat(deployed.get("status").asText()).isEqualTo("0x1");
    String token = deployed.get("contractAddress").asText();
    assertThat(Cast.ok("call", token, "symbol()(string)", "--rpc-url", url)).isEqualTo("\"RSQ\"");

    JsonNode sent = JsonRpcClient.JSON.readTree(Cast.ok("send", "--private-key", key, token,
        "transfer(address,uint256)", DEAD, "1234", "--rpc-url", url, "--json"));
    assertThat(sent.get("status").asText()).isEqualTo("0x1");
    assertThat(sent.get("logs")).hasSize(1);
    assertThat(Cast.ok("call", token, "balanceOf(address)(uint256)", DEAD, "--rpc-url", url)).isEqualTo("1234");

    String logs = Cast.ok("logs", "--from-block", "0", "--address", token,
        "Transfer(address indexed,address indexed,uint256)", "--rpc-url", url, "--json");
    JsonNode found = JsonRpcClient.JSON.readTree(logs);
    assertThat(found).as("mint and transfer logs: %s", logs).hasSize(2);
    assertThat(found.get(1).get("transactionHash").asText()).isEqualTo(sent.get("transactionHash").asText());

    Cast.Result overdraw = Cast.run("call", "--from", Transfers.dev(0).getAddress(), token,
        "transfer(address,uint256)", DEAD, "99999999999999999999999999", "--rpc-url", url);
    assertThat(overdraw.exit()).isNotZero();
    assertThat(overdraw.out()).contains("execution reverted: RaftseqToken: insufficient balance");

    Poll.until(Duration.ofSeconds(30), "the leader reads the same balance",
        () -> "1234".equals(Cast.run("call", token, "balanceOf(address)(uint256)", DEAD, "--rpc-url", leaderUrl).out().trim()));
  }
}
