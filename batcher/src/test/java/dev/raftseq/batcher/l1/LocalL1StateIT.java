package dev.raftseq.batcher.l1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.raftseq.batcher.batch.BatchCommitment;
import dev.raftseq.batcher.testing.Anvil;
import dev.raftseq.batcher.testing.Signers;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.genesis.Genesis;
import dev.raftseq.chain.genesis.GenesisResult;
import dev.raftseq.chain.genesis.GenesisSpec;
import dev.raftseq.chain.store.RocksChainStore;
import dev.raftseq.chain.types.Address;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * local-chains/v30.2/l1-state.json.gz, loaded as run_local.sh and the seed load it, holds the
 * contract the chain config names: deployed for this genesis, with run_local.sh's three nodes as the
 * committee, the configured operator, and that operator funded.
 */
class LocalL1StateIT {
  @TempDir Path tmp;

  @Test
  void theLocalL1StateHoldsTheContractTheChainConfigNames() throws Exception {
    Path root = Anvil.repoRoot();
    Path state = tmp.resolve("l1-state.json");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(root.resolve("local-chains/v30.2/l1-state.json.gz")))) {
      Files.copy(in, state, StandardCopyOption.REPLACE_EXISTING);
    }
    JsonNode cfg = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("local-chains/v30.2/default/config.yaml").toFile());
    Address contractAddress = Address.fromHex(cfg.get("l1_sender").get("contract_address").asText());
    Address operator = Address.fromHex(Credentials.create(cfg.get("l1_sender").get("operator_commit_pk").asText()).getAddress());

    // run_local.sh's keys are the committee
    String script = Files.readString(root.resolve("run_local.sh"));
    Matcher m = Pattern.compile("KEYS=\\(([0-9a-f]{64})\\s+([0-9a-f]{64})\\s+([0-9a-f]{64})\\)").matcher(script);
    assertThat(m.find()).as("run_local.sh's KEYS").isTrue();
    var runLocalCommittee = java.util.List.of(NodeKey.fromHex(m.group(1)).address(), NodeKey.fromHex(m.group(2)).address(),
        NodeKey.fromHex(m.group(3)).address());
    assertThat(runLocalCommittee).isEqualTo(Signers.addresses());

    GenesisSpec spec = GenesisSpec.read(root.resolve("local-chains/genesis.json"));
    GenesisResult genesis;
    try (RocksChainStore store = RocksChainStore.open(tmp.resolve("chain"), spec.chainId())) {
      genesis = Genesis.build(spec, store);
    }

    try (Anvil anvil = Anvil.start(tmp, null, "--load-state", state.toString(), "--block-time", "0.25", "--mixed-mining",
            "--slots-in-an-epoch", "10");
        Web3L1Client l1 = new Web3L1Client(anvil.uri(), Duration.ofSeconds(5))) {
      SettlementContract c = new SettlementContract(l1, contractAddress);
      assertThat(c.committee()).isEqualTo(runLocalCommittee);
      assertThat(c.quorum()).isEqualTo(2);
      assertThat(c.operator()).isEqualTo(operator);
      assertThat(c.l2ChainId()).isEqualTo(spec.chainId());
      assertThat(c.totals()).isEqualTo(new L1Totals(0, 0, 0));
      assertThat(c.batchStateRoot(0)).isEqualTo(genesis.state().root());
      assertThat(c.batchCommitment(0))
          .isEqualTo(BatchCommitment.genesis(spec.chainId(), genesis.state().root(), genesis.block().hash()));
      assertThat(l1.nonce(operator, false)).as("the deployment was the operator's only transaction").isEqualTo(1);
      org.web3j.protocol.Web3j w = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(anvil.url()));
      try {
        BigInteger balance = w.ethGetBalance(operator.toHex(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
            .send().getBalance();
        assertThat(balance).isGreaterThan(BigInteger.TEN.pow(20)); // > 100 ETH left for settlement
      } finally {
        w.shutdown();
      }
    }
  }
}
