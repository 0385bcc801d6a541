package dev.raftseq.chain.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Ethereum's TrieTests (ethereum/tests), read in place. Every case is checked three ways: one
 * bulk update from the empty trie, one update per change (incremental, through a node store),
 * and against the naive reference; "any order" cases are also inserted in shuffled orders.
 * trietestnextprev.json tests key iteration, which this trie does not offer, so it is not run.
 */
class TrieVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FILES =
      List.of(
          "trietest.json",
          "trietest_secureTrie.json",
          "trieanyorder.json",
          "trieanyorder_secureTrie.json",
          "hex_encoded_securetrie_test.json");

  @TestFactory
  Stream<DynamicTest> trieTests() throws IOException {
    String dir = System.getProperty("ethereum.tests.dir");
    assertThat(dir).as("system property ethereum.tests.dir").isNotNull();
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : FILES) {
      Path path = Path.of(dir, "TrieTests", file);
      assertThat(path).exists();
      JsonNode root = JSON.readTree(Files.readString(path));
      boolean secure = file.toLowerCase().contains("securetrie");
      int before = tests.size();
      root.fields()
          .forEachRemaining(
              e -> tests.add(dynamicTest(file + " " + e.getKey(), () -> check(e.getValue(), secure))));
      assertThat(tests.size()).as("cases in " + file).isGreaterThan(before);
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(20);
    return tests.stream();
  }

  private static void check(JsonNode testCase, boolean secure) {
    boolean hex = testCase.path("hexEncoded").asBoolean(false);
    List<TrieChange> changes = new ArrayList<>();
    JsonNode in = testCase.get("in");
    boolean anyOrder = in.isObject();
    if (anyOrder) {
      in.fields().forEachRemaining(e -> changes.add(change(e.getKey(), e.getValue(), hex, secure)));
    } else {
      for (JsonNode pair : in) {
        changes.add(change(pair.get(0).asText(), pair.get(1), hex, secure));
      }
    }
    Hash expected = Hash.fromHex(testCase.get("root").asText());

    assertThat(MerklePatriciaTrie.transientTrie().update(Hash.EMPTY_TRIE, changes).root())
        .as("bulk")
        .isEqualTo(expected);
    assertThat(incremental(changes)).as("incremental").isEqualTo(expected);
    assertThat(ReferenceTrie.root(finalContent(changes))).as("reference").isEqualTo(expected);
    if (anyOrder) {
      Random random = new Random(changes.size());
      for (int i = 0; i < 5; i++) {
        List<TrieChange> shuffled = new ArrayList<>(changes);
        Collections.shuffle(shuffled, random);
        assertThat(incremental(shuffled)).as("shuffled").isEqualTo(expected);
      }
    }
  }

  private static Hash incremental(List<TrieChange> changes) {
    InMemoryNodeStore store = new InMemoryNodeStore();
    MerklePatriciaTrie trie = new MerklePatriciaTrie(store, NodeCache.disabled());
    Hash root = Hash.EMPTY_TRIE;
    for (TrieChange c : changes) {
      TrieUpdate u = trie.update(root, List.of(c));
      store.putAll(u.newNodes());
      root = u.root();
    }
    Map<byte[], byte[]> content = finalContent(changes);
    for (var e : content.entrySet()) {
      assertThat(trie.get(root, e.getKey())).isEqualTo(e.getValue());
    }
    return root;
  }

  private static Map<byte[], byte[]> finalContent(List<TrieChange> changes) {
    Map<byte[], byte[]> content = ReferenceTrie.newMap();
    for (TrieChange c : changes) {
      if (c.isDelete()) {
        content.remove(c.key());
      } else {
        content.put(c.key(), c.value());
      }
    }
    return content;
  }

  private static TrieChange change(String key, JsonNode value, boolean hex, boolean secure) {
    byte[] k = bytes(key, hex);
    if (secure) {
      k = Keccak.digest(k);
    }
    return new TrieChange(k, value.isNull() ? null : bytes(value.asText(), hex));
  }

  /** The tests' convention: 0x-prefixed strings are hex, others are UTF-8. */
  private static byte[] bytes(String s, boolean hex) {
    if (hex || s.startsWith("0x")) {
      return Hex.decode(s);
    }
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
