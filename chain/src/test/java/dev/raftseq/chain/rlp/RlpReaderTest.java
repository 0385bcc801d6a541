package dev.raftseq.chain.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.Hex;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;

class RlpReaderTest {

  private static RlpReader reader(String hex) {
    return RlpReader.of(Hex.decode(hex));
  }

  private static void rejects(String hex, String messagePart) {
    assertThatThrownBy(() -> RlpItems.decode(Hex.decode(hex)))
        .isInstanceOf(RlpException.class).hasMessageContaining(messagePart);
  }

  @Test
  void singleByteBelow0x80MustNotBeWrappedAsString() throws Exception {
    rejects("0x8100", "single byte below 0x80");
    rejects("0x817f", "single byte below 0x80");
    assertThat(RlpItems.decode(Hex.decode("0x8180"))).isEqualTo(new byte[] {(byte) 0x80});
    assertThat(RlpItems.decode(Hex.decode("0x7f"))).isEqualTo(new byte[] {0x7f});
  }

  @Test
  void longFormForShortPayloadsIsRejected() {
    rejects("0xb801ff", "long form used for length 1");
    rejects("0xb837" + "00".repeat(55), "long form used for length 55");
    rejects("0xf803112233", "long form used for length 3");
  }

  @Test
  void lengthsWithLeadingZerosAreRejected() {
    rejects("0xb90038" + "00".repeat(56), "leading zeros");
    rejects("0xf90038" + "80".repeat(56), "leading zeros");
    rejects("0xb800", "leading zeros");
  }

  @Test
  void lengthsBeyondTheInputAreRejectedBeforeAllocating() {
    rejects("0x830102", "declares 3 bytes but only 2 remain");
    rejects("0xc50102", "declares 5 bytes but only 2 remain");
    rejects("0xb9", "truncated RLP length");
    rejects("0xbbffffffff", "declares 4294967295 bytes");
    rejects("0xbf0f000000000000021111", "over 2^32");
    rejects("0xffffffffffffffffff0001020304050607", "over 2^32");
    // a list item running past the end of its enclosing list
    rejects("0xc2c3010203", "declares 3 bytes but only 1 remain");
  }

  @Test
  void trailingBytesAreRejected() {
    rejects("0x8080", "trailing");
    rejects("0xc0c0", "trailing");
  }

  @Test
  void emptyInputIsRejected() {
    rejects("0x", "missing");
  }

  @Test
  void integersMustBeMinimal() throws Exception {
    assertThat(reader("0x80").readLong("n")).isZero();
    assertThat(reader("0x7f").readLong("n")).isEqualTo(127);
    assertThat(reader("0x820400").readLong("n")).isEqualTo(1024);
    assertThat(reader("0x887fffffffffffffff").readLong("n")).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> reader("0x00").readLong("n")).hasMessageContaining("leading zero");
    assertThatThrownBy(() -> reader("0x820001").readLong("n")).hasMessageContaining("leading zero");
    assertThatThrownBy(() -> reader("0x820001").readUInt256("n")).hasMessageContaining("leading zero");
    assertThatThrownBy(() -> reader("0x888000000000000000").readLong("nonce")).hasMessageContaining("nonce: exceeds 2^63-1");
    assertThatThrownBy(() -> reader("0x89010000000000000000").readLong("n")).hasMessageContaining("9 bytes exceeds 8");
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    assertThat(reader("0xa0" + "ff".repeat(32)).readUInt256("v")).isEqualTo(max);
    assertThatThrownBy(() -> reader("0xa101" + "00".repeat(32)).readUInt256("v")).hasMessageContaining("33 bytes exceeds 32");
  }

  @Test
  void kindsAndSizesAreChecked() {
    assertThatThrownBy(() -> reader("0x80").readList("x")).hasMessageContaining("expected a list");
    assertThatThrownBy(() -> reader("0xc0").readBytes("x")).hasMessageContaining("expected a string");
    assertThatThrownBy(() -> reader("0xc0").readLong("x")).hasMessageContaining("expected a string");
    assertThatThrownBy(() -> reader("0x820102").readFixedBytes("x", 3)).hasMessageContaining("expected 3 bytes, found 2");
    assertThatThrownBy(() -> reader("0x").readHash("hash")).hasMessageContaining("hash: missing");
  }

  @Test
  void positionsAreAbsoluteSoCallersCanSlice() throws Exception {
    byte[] b = Hex.decode("0xc483010203c0");
    RlpReader top = RlpReader.of(b);
    RlpReader list = top.readList("l");
    assertThat(list.position()).isEqualTo(1);
    assertThat(list.readBytes("s")).containsExactly(1, 2, 3);
    assertThat(list.position()).isEqualTo(5);
    assertThat(list.hasNext()).isFalse();
    assertThat(top.readRaw()).containsExactly(0xc0);
    top.requireEnd("top");
  }

  @Test
  void writerProducesCanonicalIntegerEncodings() {
    assertThat(RlpWriter.encodeLong(0)).containsExactly(0x80);
    assertThat(RlpWriter.encodeLong(127)).containsExactly(0x7f);
    assertThat(RlpWriter.encodeLong(128)).containsExactly(0x81, 0x80);
    assertThat(Hex.encode(RlpWriter.encodeLong(Long.MAX_VALUE))).isEqualTo("0x887fffffffffffffff");
    assertThat(Hex.encode(new RlpWriter().writeBigInteger(BigInteger.ONE.shiftLeft(255)).toByteArray()))
        .isEqualTo("0xa08" + "0".repeat(63));
    assertThat(Hex.encode(RlpWriter.encodeBytes(new byte[56]))).startsWith("0xb838");
    assertThatThrownBy(() -> new RlpWriter().writeLong(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Any tree round-trips, and the writer agrees byte for byte with web3j's RlpEncoder. */
  @Property(tries = 300)
  void treesRoundTripAndMatchWeb3j(@ForAll("trees") Object tree) throws Exception {
    byte[] enc = RlpItems.encode(tree);
    assertThat(enc).isEqualTo(RlpEncoder.encode(toWeb3j(tree)));
    assertThat(RlpItems.encode(RlpItems.decode(enc))).isEqualTo(enc);
    assertThat(same(RlpItems.decode(enc), tree)).isTrue();
  }

  /** Arbitrary bytes never escape as anything but RlpException. */
  @Property(tries = 2000)
  void arbitraryBytesFailOnlyWithRlpException(@ForAll @Size(max = 80) byte[] bytes) {
    try {
      RlpItems.decode(bytes);
    } catch (RlpException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Object> trees() {
    Arbitrary<Object> leaf = Arbitraries.bytes().array(byte[].class).ofMaxSize(70).map(b -> (Object) b);
    return Arbitraries.recursive(() -> leaf,
        inner -> inner.list().ofMaxSize(5).map(l -> (Object) new ArrayList<>(l)), 0, 3);
  }

  private static RlpType toWeb3j(Object item) {
    if (item instanceof byte[] b) {
      return RlpString.create(b);
    }
    List<RlpType> items = new ArrayList<>();
    for (Object o : (List<?>) item) {
      items.add(toWeb3j(o));
    }
    return new RlpList(items);
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y && x.size() == y.size()) {
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
