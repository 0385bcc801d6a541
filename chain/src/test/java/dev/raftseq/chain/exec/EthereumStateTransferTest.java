package dev.raftseq.chain.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.codec.TransactionCodec;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.state.StateDiff;
import dev.raftseq.chain.state.TriePreparedState;
import dev.raftseq.chain.state.TrieStateRootCalculator;
import dev.raftseq.chain.state.TrieStateView;
import dev.raftseq.chain.trie.InMemoryNodeStore;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.trie.NodeCache;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Ethereum's GeneralStateTests (Cancun post states, read in place from {@code
 * ethereum.tests.dir}) whose transaction is a plain transfer: {@code to} is an account without
 * code and not a precompile, and the transaction is not a blob transaction. These are all such
 * files (found by scanning the whole directory); the rest need an EVM. For each case the
 * transaction is executed by {@link TxProcessor} on the real trie-backed state and the post state
 * root must equal the published one; cases with {@code expectException} must be refused and
 * leave the state as it was. The tests sign without EIP-155 replay protection, so the processor
 * runs with unprotected transactions allowed, and with chain id 1.
 */
class EthereumStateTransferTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FILES =
      List.of(
          "stEIP1559/transactionIntinsicBug_Paris.json",
          "stEIP3607/transactionCollidingWithNonEmptyAccount_send_Paris.json",
          "stNonZeroCallsTest/NonZeroValue_TransactionCALL.json",
          "stNonZeroCallsTest/NonZeroValue_TransactionCALL_ToEmpty_Paris.json",
          "stNonZeroCallsTest/NonZeroValue_TransactionCALL_ToNonNonZeroBalance.json",
          "stNonZeroCallsTest/NonZeroValue_TransactionCALL_ToOneStorageKey_Paris.json",
          "stNonZeroCallsTest/NonZeroValue_TransactionCALLwithData.json",
          "stNonZeroCallsTest/NonZeroValue_TransactionCALLwithData_ToEmpty_Paris.json",
          "stNonZeroCallsTest/NonZeroValue_TransactionCALLwithData_ToNonNonZeroBalance.json",
          "stNonZeroCallsTest/NonZeroValue_TransactionCALLwithData_ToOneStorageKey_Paris.json",
          "stReturnDataTest/returndatacopy_after_failing_delegatecall.json",
          "stSpecialTest/OverflowGasMakeMoney.json",
          "stTransactionTest/HighGasLimit.json",
          "stTransactionTest/HighGasPriceParis.json",
          "stTransactionTest/OverflowGasRequire2.json",
          "stTransactionTest/TransactionDataCosts652.json",
          "stTransactionTest/TransactionSendingToZero.json",
          "stTransactionTest/TransactionToAddressh160minusOne.json",
          "stTransactionTest/TransactionToItself.json",
          "stTransactionTest/ValueOverflowParis.json",
          "stZeroCallsTest/ZeroValue_TransactionCALL.json",
          "stZeroCallsTest/ZeroValue_TransactionCALL_ToEmpty_Paris.json",
          "stZeroCallsTest/ZeroValue_TransactionCALL_ToNonZeroBalance.json",
          "stZeroCallsTest/ZeroValue_TransactionCALL_ToOneStorageKey_Paris.json",
          "stZeroCallsTest/ZeroValue_TransactionCALLwithData.json",
          "stZeroCallsTest/ZeroValue_TransactionCALLwithData_ToEmpty_Paris.json",
          "stZeroCallsTest/ZeroValue_TransactionCALLwithData_ToNonZeroBalance.json",
          "stZeroCallsTest/ZeroValue_TransactionCALLwithData_ToOneStorageKey_Paris.json");

  @TestFactory
  Stream<DynamicTest> transfersReachThePublishedStateRoots() throws IOException {
    String dir = System.getProperty("ethereum.tests.dir");
    assertThat(dir).as("system property ethereum.tests.dir").isNotNull();
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : FILES) {
      JsonNode root = JSON.readTree(Path.of(dir, "GeneralStateTests", file).toFile());
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> test = it.next();
        JsonNode posts = test.getValue().path("post").path("Cancun");
        assertThat(posts.size()).as("%s has Cancun post states", file).isPositive();
        for (int i = 0; i < posts.size(); i++) {
          JsonNode post = posts.get(i);
          tests.add(dynamicTest(file + " " + test.getKey() + " [" + i + "]", () -> run(test.getValue(), post)));
        }
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(FILES.size());
    return tests.stream();
  }

  private static void run(JsonNode test, JsonNode post) {
    InMemoryNodeStore store = new InMemoryNodeStore();
    MerklePatriciaTrie trie = new MerklePatriciaTrie(store, NodeCache.disabled());
    TrieStateRootCalculator calculator = new TrieStateRootCalculator(trie);
    Map<Hash, byte[]> codes = new HashMap<>();
    TriePreparedState pre = calculator.prepare(Hash.EMPTY_TRIE, preState(test.get("pre"), codes));
    store.putAll(pre.trieNodes());
    StateOverlay state = new StateOverlay(new TrieStateView(pre.root(), trie, codes::get));

    boolean expectInvalid = post.has("expectException");
    Hash expectedRoot = Hash.fromHex(post.get("hash").asText());
    assertThat(Hash.fromHex(post.get("logs").asText())).as("no logs").isEqualTo(Hash.EMPTY_LIST);
    RecoveredTx tx;
    try {
      tx = TransactionCodec.decode(Hex.decode(post.get("txbytes").asText()));
    } catch (DecodeException e) {
      assertThat(expectInvalid).as("undecodable transaction (%s) must be an expected failure", e.getMessage()).isTrue();
      return;
    }
    JsonNode env = test.get("env");
    long gasLimit = clampedLong(env.get("currentGasLimit").asText());
    BlockContext block =
        new BlockContext(
            1,
            clampedLong(env.get("currentNumber").asText()),
            Hash.ZERO,
            clampedLong(env.get("currentTimestamp").asText()) * 1000,
            Address.fromHex(env.get("currentCoinbase").asText()),
            gasLimit,
            Wei.of(quantity(env.get("currentBaseFee").asText())));

    TxResult result = new TxProcessor(true).apply(tx, state, block, gasLimit);

    if (expectInvalid) {
      assertThat(result).as("expected %s", post.get("expectException").asText()).isInstanceOf(TxResult.Invalid.class);
      assertThat(pre.root()).as("an invalid transaction leaves the pre state").isEqualTo(expectedRoot);
    } else {
      assertThat(result).isInstanceOf(TxResult.Applied.class);
      assertThat(calculator.prepare(pre.root(), state.diff()).root()).isEqualTo(expectedRoot);
    }
  }

  private static StateDiff preState(JsonNode pre, Map<Hash, byte[]> codes) {
    Map<Address, Account> accounts = new HashMap<>();
    Map<Address, Map<Hash, Hash>> storage = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = pre.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Address address = Address.fromHex(e.getKey());
      JsonNode acc = e.getValue();
      byte[] code = Hex.decode(acc.path("code").asText("0x"));
      Hash codeHash = Keccak.hash(code);
      if (code.length > 0) {
        codes.put(codeHash, code);
      }
      accounts.put(
          address,
          new Account(
              clampedLong(acc.get("nonce").asText()), Wei.of(quantity(acc.get("balance").asText())), Hash.EMPTY_TRIE, codeHash));
      Map<Hash, Hash> slots = new HashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> s = acc.path("storage").fields(); s.hasNext(); ) {
        Map.Entry<String, JsonNode> slot = s.next();
        slots.put(word(slot.getKey()), word(slot.getValue().asText()));
      }
      if (!slots.isEmpty()) {
        storage.put(address, slots);
      }
    }
    return new StateDiff(accounts, storage, new HashMap<>(codes));
  }

  private static BigInteger quantity(String hex) {
    return new BigInteger(hex.substring(2), 16);
  }

  /** Header quantities beyond a long (some tests use huge gas limits) act as "unlimited". */
  private static long clampedLong(String hex) {
    BigInteger v = quantity(hex);
    return v.bitLength() < 64 ? v.longValueExact() : Long.MAX_VALUE;
  }

  private static Hash word(String hex) {
    byte[] b = quantity(hex).toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return new Hash(out);
  }
}
