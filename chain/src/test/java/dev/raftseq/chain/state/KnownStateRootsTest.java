package dev.raftseq.chain.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.trie.InMemoryNodeStore;
import dev.raftseq.chain.trie.MerklePatriciaTrie;
import dev.raftseq.chain.trie.NodeCache;
import dev.raftseq.chain.types.Account;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * State roots of allocations whose roots were published by others, read in place from
 * ethereum/tests (commit 4c87ebbf, see testdata/ethereum-tests/README.md):
 *
 * <ul>
 *   <li>GeneralStateTests whose transaction is invalid ({@code expectException}): the client
 *       that filled them (geth's evm t8n, per each file's _info) leaves the state unchanged, so
 *       {@code post.Cancun[i].hash} is the state root of the {@code pre} allocation, including
 *       code and storage;
 *   <li>TrieTests/hex_encoded_securetrie_test.json: account trie roots of RLP accounts keyed by
 *       address (decoded into accounts and re-encoded by our codec).
 * </ul>
 */
class KnownStateRootsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Invalid-transaction state tests; the first two have storage in their pre state.
   * (stCreateTest/CreateTransactionHighNonce is left out: its nonce 2^64-1 does not fit the
   * signed long nonce of {@link Account}.)
   */
  private static final List<String> STATE_TESTS =
      List.of(
          "stEIP1559/lowGasLimit.json",
          "stSpecialTest/eoaEmptyParis.json",
          "stEIP1559/lowFeeCap.json",
          "stEIP1559/outOfFundsOldTypes.json",
          "stEIP3607/transactionCollidingWithNonEmptyAccount_calls.json",
          "stEIP3607/transactionCollidingWithNonEmptyAccount_init_Paris.json",
          "stExample/invalidTr.json",
          "stTransactionTest/ValueOverflowParis.json",
          "Cancun/stEIP4844-blobtransactions/createBlobhashTx.json",
          "Pyspecs/cancun/eip4844_blobs/invalid_tx_blob_count.json");

  private static Path testsDir() {
    String dir = System.getProperty("ethereum.tests.dir");
    assertThat(dir).as("system property ethereum.tests.dir").isNotNull();
    return Path.of(dir);
  }

  private static MerklePatriciaTrie newTrie() {
    return new MerklePatriciaTrie(new InMemoryNodeStore(), NodeCache.disabled());
  }

  @Test
  void emptyStateHasTheEmptyTrieRoot() {
    TrieStateRootCalculator calc = new TrieStateRootCalculator(newTrie());
    assertThat(calc.prepare(Hash.EMPTY_TRIE, StateDiff.EMPTY).root()).isEqualTo(Hash.EMPTY_TRIE);
    // an account that does not exist being deleted changes nothing
    Map<Address, Account> del = new HashMap<>();
    del.put(Address.ZERO, null);
    assertThat(calc.prepare(Hash.EMPTY_TRIE, new StateDiff(del, Map.of(), Map.of())).root())
        .isEqualTo(Hash.EMPTY_TRIE);
  }

  @TestFactory
  Stream<DynamicTest> preStateRootsOfInvalidTransactionStateTests() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : STATE_TESTS) {
      Path path = testsDir().resolve("GeneralStateTests").resolve(file);
      assertThat(path).exists();
      JsonNode root = JSON.readTree(Files.readString(path));
      int before = tests.size();
      root.fields()
          .forEachRemaining(
              t -> {
                for (JsonNode post : t.getValue().path("post").path("Cancun")) {
                  if (post.has("expectException")) {
                    Hash expected = Hash.fromHex(post.get("hash").asText());
                    JsonNode pre = t.getValue().get("pre");
                    tests.add(dynamicTest(file + " " + shortName(t.getKey()), () -> checkAlloc(pre, expected)));
                    break;
                  }
                }
              });
      assertThat(tests.size()).as("invalid-transaction cases in " + file).isGreaterThan(before);
    }
    return tests.stream();
  }

  private static String shortName(String name) {
    return name.length() > 60 ? name.substring(name.length() - 60) : name;
  }

  private static void checkAlloc(JsonNode pre, Hash expected) {
    Map<Address, Account> accounts = new HashMap<>();
    Map<Address, Map<Hash, Hash>> storage = new HashMap<>();
    Map<Hash, byte[]> code = new HashMap<>();
    pre.fields()
        .forEachRemaining(
            e -> {
              Address a = Address.fromHex(e.getKey());
              JsonNode acct = e.getValue();
              byte[] c = Hex.decode(acct.get("code").asText());
              Hash codeHash = Keccak.hash(c);
              if (c.length > 0) {
                code.put(codeHash, c);
              }
              accounts.put(
                  a,
                  new Account(
                      quantity(acct.get("nonce")).longValueExact(),
                      Wei.of(quantity(acct.get("balance"))),
                      Hash.ZERO, // ignored: recomputed from the storage writes
                      codeHash));
              Map<Hash, Hash> slots = new HashMap<>();
              acct.path("storage")
                  .fields()
                  .forEachRemaining(s -> slots.put(word(s.getKey()), word(s.getValue().asText())));
              if (!slots.isEmpty()) {
                storage.put(a, slots);
              }
            });
    MerklePatriciaTrie trie = newTrie();
    TriePreparedState prepared =
        new TrieStateRootCalculator(trie).prepare(Hash.EMPTY_TRIE, new StateDiff(accounts, storage, code));
    assertThat(prepared.root()).isEqualTo(expected);
    assertThat(prepared.code()).containsOnlyKeys(code.keySet());
  }

  private static BigInteger quantity(JsonNode n) {
    return new BigInteger(n.asText().substring(2), 16);
  }

  private static Hash word(String hex) {
    BigInteger v = new BigInteger(hex.substring(2), 16);
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, 32 - len, len);
    return new Hash(out);
  }

  @TestFactory
  Stream<DynamicTest> hexEncodedSecureTrieAccounts() throws IOException {
    Path path = testsDir().resolve("TrieTests/hex_encoded_securetrie_test.json");
    JsonNode root = JSON.readTree(Files.readString(path));
    List<DynamicTest> tests = new ArrayList<>();
    root.fields()
        .forEachRemaining(
            t ->
                tests.add(
                    dynamicTest(
                        t.getKey(),
                        () -> {
                          Map<Address, Account> accounts = new HashMap<>();
                          t.getValue()
                              .get("in")
                              .fields()
                              .forEachRemaining(
                                  e -> {
                                    byte[] enc = Hex.decode(e.getValue().asText());
                                    Account a = StateCodec.decodeAccount(enc);
                                    assertThat(StateCodec.encodeAccount(a)).isEqualTo(enc);
                                    accounts.put(Address.fromHex(e.getKey()), a);
                                  });
                          // these accounts carry storage roots of tries we do not have, so they go
                          // through the trie directly rather than through the storage calculation
                          List<dev.raftseq.chain.trie.TrieChange> changes = new ArrayList<>();
                          accounts.forEach(
                              (a, acct) ->
                                  changes.add(
                                      dev.raftseq.chain.trie.TrieChange.put(
                                          Keccak.digest(a.bytes()), StateCodec.encodeAccount(acct))));
                          assertThat(newTrie().update(Hash.EMPTY_TRIE, changes).root())
                              .isEqualTo(Hash.fromHex(t.getValue().get("root").asText()));
                        })));
    assertThat(tests).isNotEmpty();
    return tests.stream();
  }
}
