package dev.raftseq.chain.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.types.Hex;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * ethereum/tests RLPTests, read in place: every valid case decodes with the strict reader to
 * the value in "in" and re-encodes to exactly "out"; every "INVALID" case is rejected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthereumRlpVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private int valid;
  private int invalid;

  @TestFactory
  Stream<DynamicTest> rlpTests() throws IOException {
    Path dir = Path.of(System.getProperty("ethereum.tests.dir", "../testdata/ethereum-tests")).resolve("RLPTests");
    assertThat(dir).as("RLPTests directory (system property ethereum.tests.dir)").isDirectory();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      JsonNode root = JSON.readTree(file.toFile());
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String name = dir.relativize(file) + "/" + e.getKey();
        JsonNode in = e.getValue().get("in");
        byte[] out = Hex.decode(e.getValue().get("out").asText());
        if (in.isTextual() && in.asText().equals("INVALID")) {
          tests.add(DynamicTest.dynamicTest(name, () -> {
            assertThatThrownBy(() -> RlpItems.decode(out)).isInstanceOf(RlpException.class);
            invalid++;
          }));
        } else {
          tests.add(DynamicTest.dynamicTest(name, () -> {
            Object decoded = RlpItems.decode(out);
            assertThat(RlpItems.encode(decoded)).isEqualTo(out);
            if (!(in.isTextual() && in.asText().equals("VALID"))) {
              // the encoding is injective, so this also says decoded equals "in"
              assertThat(RlpItems.encode(expected(in))).isEqualTo(out);
            }
            valid++;
          }));
        }
      }
    }
    assertThat(tests).as("RLP vectors found").hasSizeGreaterThan(40);
    return tests.stream();
  }

  @AfterAll
  void report() {
    assertThat(valid + invalid).as("RLP vectors that passed").isGreaterThan(40);
    System.out.printf("RLPTests: %d valid and %d invalid vectors passed%n", valid, invalid);
  }

  /** The "in" value as an item tree: strings as bytes, integers and "#bignum" as minimal big-endian. */
  private static Object expected(JsonNode in) {
    if (in.isArray()) {
      List<Object> items = new ArrayList<>();
      in.forEach(n -> items.add(expected(n)));
      return items;
    }
    if (in.isNumber()) {
      return minimal(in.bigIntegerValue());
    }
    String s = in.asText();
    if (s.startsWith("#")) {
      return minimal(new BigInteger(s.substring(1)));
    }
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] minimal(BigInteger v) {
    if (v.signum() == 0) {
      return new byte[0];
    }
    byte[] b = v.toByteArray();
    return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
  }
}
