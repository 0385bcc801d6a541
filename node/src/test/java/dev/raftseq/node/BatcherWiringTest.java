package dev.raftseq.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.batcher.BatcherSettings;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Address;
import dev.raftseq.node.config.CommandLine;
import dev.raftseq.node.config.ConfigLoader;
import dev.raftseq.node.config.NodeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the node derives the batcher's settings and its peers' attestation endpoints from the seed's variables. */
class BatcherWiringTest {
  private static final String[] IDS = {
    "0x246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d",
    "0xd2db8005d59694a5b79b7c58d4d375c60c9323837e852bbbfd05819621c48a4218cefa37baf39a164e2a6f6c1b34c379c4a72c7480b5fbcc379d1befb881e8fc",
    "0x2991880ae3ff81b881c86f54d2af0ee85a325231bb75f903f06f432020101614dbfbc75ddec885f5e101fed272bee661f492fb6dd80147b656da990635a7e581",
  };
  private static final String[] KEYS = {
    "0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308",
    "c2c8042b03801e2e14b395ed24f970ead7646a9ff315b54f747bcefdb99afda7",
    "8b50ece5c94762fb0b8dcd2f859fb0132b86c0540c388806b6a03e0b1c25978d",
  };

  /** Seed 002's consensus node i (0-based): node 1 settles, the others set BATCHER_ENABLED=false. */
  static Map<String, String> seedNode(int i) {
    StringBuilder boot = new StringBuilder();
    StringBuilder ids = new StringBuilder("[");
    for (int j = 0; j < 3; j++) {
      boot.append(j == 0 ? "" : ",").append("enode://").append(IDS[j].substring(2)).append("@127.0.0.1:").append(3060 + j);
      ids.append(j == 0 ? "" : ",").append('"').append(IDS[j]).append('"');
    }
    Map<String, String> env = new HashMap<>();
    env.put("NETWORK_ENABLED", "true");
    env.put("NETWORK_SECRET_KEY", KEYS[i]);
    env.put("NETWORK_ADDRESS", "127.0.0.1");
    env.put("NETWORK_PORT", Integer.toString(3060 + i));
    env.put("NETWORK_BOOT_NODES", boot.toString());
    env.put("CONSENSUS_ENABLED", "true");
    env.put("CONSENSUS_BOOTSTRAP", "true");
    env.put("CONSENSUS_PEER_IDS__JSON", ids.append(']').toString());
    env.put("GENERAL_ROCKS_DB_PATH", "db/en-" + (i + 1));
    if (i > 0) {
      env.put("BATCHER_ENABLED", "false");
    }
    return env;
  }

  static NodeConfig load(Map<String, String> env) {
    return new ConfigLoader(repoRoot()).load(CommandLine.parse("--config", "./local-chains/local_dev.yaml",
        "--config", "./local-chains/v30.2/default/config.yaml"), env);
  }

  static Path repoRoot() {
    try {
      for (Path d = Path.of("").toAbsolutePath().toRealPath(); d != null; d = d.getParent()) {
        if (Files.isRegularFile(d.resolve("local-chains/local_dev.yaml"))) {
          return d;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no local-chains/local_dev.yaml above the working directory");
  }

  @Test
  void peersAreTheOtherMembersAtTheirBootNodeHostAndPortPlusTheOffset() {
    assertThat(BatcherWiring.peerUrls(load(seedNode(0)), NodeKey.fromHex(KEYS[0])))
        .containsExactly(URI.create("http://127.0.0.1:3261"), URI.create("http://127.0.0.1:3262"));
    assertThat(BatcherWiring.peerUrls(load(seedNode(2)), NodeKey.fromHex(KEYS[2])))
        .containsExactly(URI.create("http://127.0.0.1:3260"), URI.create("http://127.0.0.1:3261"));
    Map<String, String> env = seedNode(1);
    env.put("BATCHER_ATTESTATION_PORT_OFFSET", "500");
    assertThat(BatcherWiring.peerUrls(load(env), NodeKey.fromHex(KEYS[1])))
        .containsExactly(URI.create("http://127.0.0.1:3560"), URI.create("http://127.0.0.1:3562"));
  }

  @Test
  void settingsComeFromTheConfiguration() {
    Path db = Path.of("/data/en-1");
    BatcherSettings s = BatcherWiring.settings(load(seedNode(0)), db);
    assertThat(s.settle()).isTrue();
    assertThat(s.followLeader()).isFalse();
    assertThat(s.dataDir()).isEqualTo(db.resolve("batcher"));
    assertThat(s.l1RpcUrl()).isEqualTo(URI.create("http://localhost:8545"));
    assertThat(s.contractAddress()).contains(Address.fromHex("0xDdE5d695094275eF3F0FFBA935ddAA8ba5aeBEDc"));
    assertThat(s.operatorPrivateKey()).isPresent();
    assertThat(s.limits().timeoutMillis()).isEqualTo(1000);
    assertThat(s.limits().maxBlocks()).isEqualTo(100);
    assertThat(s.submitter().confirmations()).isEqualTo(1);
    assertThat(s.submitter().maxInFlight()).isEqualTo(16);

    assertThat(BatcherWiring.settings(load(seedNode(1)), db).settle()).isFalse();
    Map<String, String> follow = seedNode(2);
    follow.put("BATCHER_ENABLED", "true");
    follow.put("BATCHER_FOLLOW_LEADER", "true");
    follow.put("L1_PROVIDER_RPC_URL", "http://l1.internal:8545");
    BatcherSettings f = BatcherWiring.settings(load(follow), db);
    assertThat(f.settle()).isTrue();
    assertThat(f.followLeader()).isTrue();
    assertThat(f.l1RpcUrl()).isEqualTo(URI.create("http://l1.internal:8545"));
  }

  @Test
  void nodesWithoutConsensusRunNoBatcher() {
    Map<String, String> single = new HashMap<>();
    single.put("GENERAL_ROCKS_DB_PATH", "db/single");
    NodeConfig cfg = load(single);
    // a single sequencer or an external node has no Raft: nothing is started, nothing is touched
    assertThat(BatcherWiring.start(cfg, NodeKey.fromHex(KEYS[0]), Path.of("db/single"), null, Optional.empty(),
        null, null, "test")).isEmpty();
    assertThat(BatcherWiring.disabledStatus().enabled()).isFalse();
    assertThat(BatcherWiring.disabledStatus().details()).containsEntry("active", false);
  }
}
