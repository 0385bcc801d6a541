package dev.raftseq.chain.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.pool.TxRejectedException;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.RecoveredTx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * ethereum/tests TransactionTests (every JSON file of every directory), read in place. Each case
 * is judged by its Cancun result, or, for the 61 older-format cases that list no Cancun result,
 * by the newest fork they list (Shanghai for 59, London for 2; all 61 expect an exception).
 *
 * <p>A transaction is accepted when {@link TransactionCodec#decode} succeeds, its chain id is
 * absent or 1 (the vectors' network; decodeStrict would enforce this, but it also refuses
 * pre-EIP-155 transactions, which the vectors accept), and {@link TransactionValidity#check}
 * passes. A valid case must be accepted with the expected sender and hash and re-encode to the
 * same bytes; an invalid one must be refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthereumTransactionVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FORKS = List.of("Cancun", "Shanghai", "Paris", "London");

  /**
   * Valid by the vectors, refused here on purpose: nonce and gas limit are Java longs, so
   * values of 2^63 and above are rejected at decoding. Such transactions can never be included
   * (no block gas limit or account nonce gets there), so nothing valid is lost in practice.
   */
  private static final Set<String> EXPECTED_FAILURES = Set.of(
      "ttGasLimit/TransactionWithHighGasLimit63", // gas limit 2^63 > Long.MAX_VALUE
      "ttGasLimit/TransactionWithHighGasLimit63Plus1", // gas limit 2^63 + 1 > Long.MAX_VALUE
      "ttGasLimit/TransactionWithHighGasLimit64Minus1", // gas limit 2^64 - 1 > Long.MAX_VALUE
      "ttNonce/TransactionWithHighNonce64Minus2"); // nonce 2^64 - 2 > Long.MAX_VALUE

  private int passed;
  private int expectedFailuresSeen;

  @TestFactory
  Stream<DynamicTest> transactionTests() throws IOException {
    Path dir = Path.of(System.getProperty("ethereum.tests.dir", "../testdata/ethereum-tests"))
        .resolve("TransactionTests");
    assertThat(dir).as("TransactionTests directory (system property ethereum.tests.dir)").isDirectory();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      JsonNode root = JSON.readTree(file.toFile());
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String id = dir.relativize(file).getParent() + "/" + e.getKey();
        tests.add(DynamicTest.dynamicTest(id, () -> run(id, e.getValue())));
      }
    }
    assertThat(tests).as("transaction vectors found").hasSizeGreaterThan(200);
    return tests.stream();
  }

  private void run(String id, JsonNode testCase) {
    JsonNode result = null;
    for (String fork : FORKS) {
      if (testCase.get("result").has(fork)) {
        result = testCase.get("result").get(fork);
        break;
      }
    }
    assertThat(result).as("a result for Cancun or the newest fork listed").isNotNull();
    byte[] raw = Hex.decode(testCase.get("txbytes").asText());
    String refusal = null;
    RecoveredTx tx = null;
    try {
      tx = TransactionCodec.decode(raw);
      Long chainId = tx.tx().chainId();
      if (chainId != null && chainId != 1) {
        refusal = "chain id " + chainId;
      } else {
        TransactionValidity.check(tx);
      }
    } catch (DecodeException | TxRejectedException ex) {
      refusal = ex.getMessage();
    }

    boolean valid = !result.has("exception");
    if (EXPECTED_FAILURES.contains(id)) {
      assertThat(valid).as("expected failure is a valid vector").isTrue();
      assertThat(refusal).as("expected failure %s is still refused", id).isNotNull();
      expectedFailuresSeen++;
      return;
    }
    if (valid) {
      if (refusal != null) {
        fail("valid vector refused: " + refusal);
      }
      assertThat(tx.sender()).isEqualTo(Address.fromHex(result.get("sender").asText()));
      assertThat(tx.hash()).isEqualTo(Hash.fromHex(result.get("hash").asText()));
      assertThat(TransactionCodec.encode(tx.tx())).isEqualTo(raw);
    } else {
      assertThat(refusal).as("refusal of a vector expecting %s", result.get("exception").asText()).isNotNull();
    }
    passed++;
  }

  @AfterAll
  void report() {
    assertThat(passed).as("transaction vectors that passed").isGreaterThan(200);
    assertThat(expectedFailuresSeen).isEqualTo(EXPECTED_FAILURES.size());
    System.out.printf("TransactionTests: %d vectors passed, %d expected failures%n", passed, expectedFailuresSeen);
  }
}
