package dev.raftseq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.exec.BlockContext;
import dev.raftseq.chain.exec.CallResult;
import dev.raftseq.chain.exec.EvmEnv;
import dev.raftseq.chain.exec.StateOverlay;
import dev.raftseq.chain.exec.TxProcessor;
import dev.raftseq.chain.exec.TxResult;
import dev.raftseq.chain.state.TrieStateView;
import dev.raftseq.chain.testing.TestTxs;
import dev.raftseq.chain.trie.InMemoryNodeStore;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.trie.NodeCache;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.Log;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The committed ERC-20 run the same way on anvil ({@code --hardfork cancun}, revm) and on this
 * chain's transaction processing: deployment, a transfer, an overdraw that reverts, and calls.
 * Status, gas used, logs, contract address, return values and revert data must be identical.
 */
class Erc20DifferentialIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** anvil's first dev account (its well-known test mnemonic). */
  private static final byte[] KEY = Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final Address ALICE = Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  private static final Address BOB = Address.fromHex("0x70997970C51812dc3A010C7d01b50e20d8b42d65");
  private static final long CHAIN_ID = 31337;
  private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

  record Outcome(boolean success, long gasUsed, List<String> logs, String contractAddress) {}

  @Test
  void sameResultsAsAnvil() throws Exception {
    Path root = Path.of(System.getProperty("raftseq.repo.root", ".."));
    Path anvilBinary = root.resolve(".tools/bin/anvil");
    assertThat(Files.isExecutable(anvilBinary)).as("anvil from scripts/install-tools.sh at %s", anvilBinary).isTrue();
    JsonNode artifact = JSON.readTree(root.resolve("local-chains/contracts/l2/RaftseqToken.json").toFile());
    String creation = artifact.get("bytecode").asText();
    String ctorArgs = FunctionEncoder.encodeConstructor(List.of(
        new Utf8String("Raftseq Token"), new Utf8String("RST"), new Uint256(TOKEN.multiply(BigInteger.valueOf(1_000_000)))));
    byte[] deployData = Hex.decode(creation + ctorArgs);
    Address token = dev.raftseq.chain.exec.ContractAddress.of(ALICE, 0);

    List<RecoveredTx> txs = List.of(
        tx(0, null, deployData, 2_000_000),
        tx(1, token, call("transfer", new org.web3j.abi.datatypes.Address(BOB.toHex()), new Uint256(TOKEN.multiply(BigInteger.valueOf(250)))), 100_000),
        tx(2, token, call("transfer", new org.web3j.abi.datatypes.Address(BOB.toHex()), new Uint256(TOKEN.multiply(BigInteger.valueOf(2_000_000)))), 100_000),
        tx(3, token, call("approve", new org.web3j.abi.datatypes.Address(BOB.toHex()), new Uint256(TOKEN)), 100_000));
    List<byte[]> calls = List.of(
        call("balanceOf", new org.web3j.abi.datatypes.Address(ALICE.toHex())),
        call("balanceOf", new org.web3j.abi.datatypes.Address(BOB.toHex())),
        call("symbol"),
        call("allowance", new org.web3j.abi.datatypes.Address(ALICE.toHex()), new org.web3j.abi.datatypes.Address(BOB.toHex())));
    byte[] overdraw = call("transfer", new org.web3j.abi.datatypes.Address(BOB.toHex()), new Uint256(TOKEN.multiply(BigInteger.valueOf(5_000_000))));

    // ours: one block's overlay over a state where alice has anvil's 10000 ETH
    MerklePatriciaTrie trie = new MerklePatriciaTrie(new InMemoryNodeStore(), NodeCache.disabled());
    StateOverlay state = new StateOverlay(new TrieStateView(Hash.EMPTY_TRIE, trie, h -> null));
    state.put(ALICE, Account.EMPTY.withBalance(Wei.of(BigInteger.TEN.pow(22))));
    BlockContext ctx = new BlockContext(CHAIN_ID, 1, Hash.ZERO, 1_700_000_000_000L, Address.ZERO, 30_000_000, Wei.of(1_000_000_000L));
    EvmEnv env = EvmEnv.parentOnly(ctx);
    TxProcessor processor = new TxProcessor();
    List<Outcome> ours = new ArrayList<>();
    for (RecoveredTx t : txs) {
      TxResult.Applied a = (TxResult.Applied) processor.apply(t, null, state, env, 30_000_000);
      List<String> logs = new ArrayList<>();
      for (Log l : a.logs()) {
        logs.add(l.address().toHex() + " " + l.topics() + " " + Hex.encode(l.data()));
      }
      ours.add(new Outcome(a.success(), a.gasUsed(), logs, a.contractAddress() == null ? null : a.contractAddress().toHex()));
    }
    List<String> ourCalls = new ArrayList<>();
    for (byte[] c : calls) {
      CallResult r = processor.call(state, env, ALICE, token, Wei.ZERO, c, 1_000_000);
      ourCalls.add(Hex.encode(r.output()));
    }
    CallResult ourRevert = processor.call(state, env, ALICE, token, Wei.ZERO, overdraw, 1_000_000);

    // anvil
    List<Outcome> theirs = new ArrayList<>();
    List<String> theirCalls = new ArrayList<>();
    JsonNode theirRevert;
    try (EvmLoopBench.Anvil anvil = EvmLoopBench.Anvil.start(anvilBinary)) {
      for (RecoveredTx t : txs) {
        String hash = anvil.rpc("eth_sendRawTransaction", "[\"" + Hex.encode(t.encoded()) + "\"]").asText();
        JsonNode receipt = waitForReceipt(anvil, hash);
        List<String> logs = new ArrayList<>();
        for (JsonNode l : receipt.get("logs")) {
          List<Hash> topics = new ArrayList<>();
          l.get("topics").forEach(x -> topics.add(Hash.fromHex(x.asText())));
          logs.add(Address.fromHex(l.get("address").asText()).toHex() + " " + topics + " " + l.get("data").asText());
        }
        JsonNode ca = receipt.get("contractAddress");
        boolean ok = "0x1".equals(receipt.get("status").asText());
        theirs.add(new Outcome(ok, Long.decode(receipt.get("gasUsed").asText()), logs,
            ok && ca != null && !ca.isNull() ? Address.fromHex(ca.asText()).toHex() : null));
      }
      for (byte[] c : calls) {
        theirCalls.add(anvil.rpc("eth_call", callParams(token, c)).asText());
      }
      theirRevert = anvil.call("eth_call", callParams(token, overdraw));
    }

    assertThat(ours).isEqualTo(theirs);
    assertThat(ours.get(0).contractAddress()).isEqualTo(token.toHex());
    assertThat(ours.get(2).success()).isFalse();
    assertThat(ourCalls).isEqualTo(theirCalls);
    assertThat(ourRevert.reverted()).isTrue();
    assertThat(theirRevert.get("error").get("code").asInt()).isEqualTo(3);
    assertThat(Hex.encode(ourRevert.output())).isEqualTo(theirRevert.get("error").get("data").asText());
  }

  private static String callParams(Address to, byte[] data) {
    return "[{\"from\":\"" + ALICE.toHex() + "\",\"to\":\"" + to.toHex() + "\",\"input\":\"" + Hex.encode(data)
        + "\",\"gas\":\"0xf4240\"},\"latest\"]";
  }

  private static JsonNode waitForReceipt(EvmLoopBench.Anvil anvil, String hash) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode r = anvil.rpc("eth_getTransactionReceipt", "[\"" + hash + "\"]");
      if (r != null && !r.isNull()) {
        return r;
      }
      assertThat(System.nanoTime()).as("receipt of %s within 30 s", hash).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static RecoveredTx tx(long nonce, Address to, byte[] data, long gas) {
    return TestTxs.builder(TxType.EIP1559, CHAIN_ID).nonce(nonce).to(to).value(Wei.ZERO).data(data).gasLimit(gas)
        .maxFee(Wei.of(10_000_000_000L)).maxPriorityFee(Wei.of(1_000_000_000L)).sign(KEY);
  }

  private static byte[] call(String name, org.web3j.abi.datatypes.Type<?>... args) {
    return Hex.decode(FunctionEncoder.encode(new Function(name, List.of(args), List.of())));
  }
}
