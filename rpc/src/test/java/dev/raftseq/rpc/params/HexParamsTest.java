package dev.raftseq.rpc.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.rpc.jsonrpc.InvalidParamException;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hex decoding follows geth's rules and texts. */
class HexParamsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void quantitiesDecode() throws Exception {
    assertThat(HexParams.UINT64.read(json("\"0x0\""))).isZero();
    assertThat(HexParams.UINT64.read(json("\"0x1f\""))).isEqualTo(31);
    assertThat(HexParams.UINT64.read(json("\"0XFF\""))).isEqualTo(255);
    assertThat(HexParams.UINT64.read(json("\"0xffffffffffffffff\""))).isEqualTo(-1L);
    assertThat(HexParams.BIG.read(json("\"0x" + "f".repeat(64) + "\"")))
        .isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"0x01\"|json: cannot unmarshal hex number with leading zero digits into Go value of type hexutil.Uint64",
      "\"0x\"|json: cannot unmarshal hex string \"0x\" into Go value of type hexutil.Uint64",
      "\"12\"|json: cannot unmarshal hex string without 0x prefix into Go value of type hexutil.Uint64",
      "\"-0x1\"|json: cannot unmarshal hex string without 0x prefix into Go value of type hexutil.Uint64",
      "\"0xg\"|json: cannot unmarshal invalid hex string into Go value of type hexutil.Uint64",
      "\"0x10000000000000000\"|json: cannot unmarshal hex number > 64 bits into Go value of type hexutil.Uint64",
      "12|json: cannot unmarshal non-string into Go value of type hexutil.Uint64",
      "-1|json: cannot unmarshal non-string into Go value of type hexutil.Uint64",
      "\"\"|json: cannot unmarshal empty hex string into Go value of type hexutil.Uint64",
      "\"0x١\"|json: cannot unmarshal invalid hex string into Go value of type hexutil.Uint64"})
  void badQuantitiesHaveGethTexts(String input, String message) {
    assertThatThrownBy(() -> HexParams.UINT64.read(json(input)))
        .isInstanceOf(InvalidParamException.class)
        .hasMessage(message);
  }

  @Test
  void bigQuantitiesStopAt256Bits() {
    assertThatThrownBy(() -> HexParams.BIG.read(json("\"0x1" + "0".repeat(64) + "\"")))
        .hasMessage("json: cannot unmarshal hex number > 256 bits into Go value of type *hexutil.Big");
  }

  @Test
  void bytesNeedPrefixAndEvenLength() throws Exception {
    assertThat(HexParams.BYTES.read(json("\"0x\""))).isEmpty();
    assertThat(HexParams.BYTES.read(json("\"\""))).isEmpty();
    assertThat(HexParams.BYTES.read(json("\"0x00ff\""))).containsExactly(0, 0xff);
    assertThatThrownBy(() -> HexParams.BYTES.read(json("\"0x0\"")))
        .hasMessage("json: cannot unmarshal hex string of odd length into Go value of type hexutil.Bytes");
    assertThatThrownBy(() -> HexParams.BYTES.read(json("\"00\"")))
        .hasMessage("json: cannot unmarshal hex string without 0x prefix into Go value of type hexutil.Bytes");
    assertThatThrownBy(() -> HexParams.BYTES.read(json("[1]")))
        .hasMessage("json: cannot unmarshal non-string into Go value of type hexutil.Bytes");
  }

  @Test
  void bytesDecodeEveryByteInEitherCase() throws Exception {
    byte[] all = new byte[256];
    StringBuilder lower = new StringBuilder("0x");
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
      lower.append(String.format("%02x", i));
    }
    assertThat(HexParams.BYTES.read(json("\"" + lower + "\""))).containsExactly(all);
    assertThat(HexParams.BYTES.read(json("\"0x" + lower.substring(2).toUpperCase(java.util.Locale.ROOT) + "\"")))
        .containsExactly(all);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"0x0g", "0xg0", "0x/0", "0x:0", "0x@0", "0xG0", "0x`0", "0x 0", "0x00١١", "0x00ÿÿ",
      "0x00\u0100\u0130"})
  void bytesWithANonHexCharacterAnywhereHaveGethsText(String input) {
    assertThatThrownBy(() -> HexParams.BYTES.read(json("\"" + input + "\"")))
        .isInstanceOf(InvalidParamException.class)
        .hasMessage("json: cannot unmarshal invalid hex string into Go value of type hexutil.Bytes");
  }

  @Test
  void addressesAndHashesHaveExactLengths() throws Exception {
    assertThat(HexParams.ADDRESS.read(json("\"0x" + "ab".repeat(20) + "\"")))
        .isEqualTo(Address.fromHex("0x" + "ab".repeat(20)));
    assertThat(HexParams.HASH.read(json("\"0x" + "CD".repeat(32) + "\""))).isEqualTo(Hash.fromHex("0x" + "cd".repeat(32)));
    assertThatThrownBy(() -> HexParams.ADDRESS.read(json("\"0x" + "ab".repeat(19) + "\"")))
        .hasMessage("hex string has length 38, want 40 for common.Address");
    assertThatThrownBy(() -> HexParams.HASH.read(json("\"0x" + "ab".repeat(33) + "\"")))
        .hasMessage("hex string has length 66, want 64 for common.Hash");
    assertThatThrownBy(() -> HexParams.ADDRESS.read(json("\"" + "ab".repeat(20) + "\"")))
        .hasMessage("json: cannot unmarshal hex string without 0x prefix into Go value of type common.Address");
    assertThatThrownBy(() -> HexParams.ADDRESS.read(json("\"0x" + "zz".repeat(20) + "\"")))
        .hasMessage("json: cannot unmarshal invalid hex string into Go value of type common.Address");
  }

  @Test
  void blockNumbersAndTags() throws Exception {
    assertThat(BlockNumber.read(json("\"latest\""))).isEqualTo(BlockNumber.LATEST);
    assertThat(BlockNumber.read(json("\"finalized\"")).tag()).isEqualTo(BlockTag.FINALIZED);
    assertThat(BlockNumber.read(json("\"0x0\""))).isEqualTo(BlockNumber.of(0));
    assertThat(BlockNumber.read(json("\"0x7fffffffffffffff\""))).isEqualTo(BlockNumber.of(Long.MAX_VALUE));
    assertThatThrownBy(() -> BlockNumber.read(json("\"0x01\""))).hasMessage("hex number with leading zero digits");
    assertThatThrownBy(() -> BlockNumber.read(json("\"Latest\""))).hasMessage("hex string without 0x prefix");
    assertThatThrownBy(() -> BlockNumber.read(json("5"))).hasMessage("hex string without 0x prefix");
    assertThatThrownBy(() -> BlockNumber.read(json("\"\""))).hasMessage("empty hex string");
    assertThatThrownBy(() -> BlockNumber.read(json("\"0x8000000000000000\"")))
        .hasMessage("block number larger than int64");
    assertThatThrownBy(() -> BlockNumber.read(json("\"0x" + "f".repeat(17) + "\""))).hasMessage("hex number > 64 bits");
  }

  @Test
  void blockNumberOrHashAcceptsEip1898() throws Exception {
    Hash h = Hash.fromHex("0x" + "11".repeat(32));
    assertThat(BlockNumberOrHash.read(json("\"" + h.toHex() + "\"")).hash()).isEqualTo(h);
    assertThat(BlockNumberOrHash.read(json("{\"blockHash\":\"" + h.toHex() + "\",\"requireCanonical\":true}")))
        .isEqualTo(new BlockNumberOrHash(null, h, true));
    assertThat(BlockNumberOrHash.read(json("{\"blockNumber\":\"0x5\"}")).number()).isEqualTo(BlockNumber.of(5));
    assertThat(BlockNumberOrHash.read(json("\"pending\"")).number().tag()).isEqualTo(BlockTag.PENDING);
    assertThatThrownBy(() -> BlockNumberOrHash.read(json("{\"blockHash\":\"" + h.toHex() + "\",\"blockNumber\":\"0x1\"}")))
        .hasMessage("cannot specify both BlockHash and BlockNumber, choose one or the other");
    assertThatThrownBy(() -> BlockNumberOrHash.read(json("{\"blockNumber\":\"0x01\"}")))
        .hasMessage("json: cannot unmarshal object into Go value of type string");
    assertThatThrownBy(() -> BlockNumberOrHash.read(json("7")))
        .hasMessage("json: cannot unmarshal number into Go value of type string");
  }

  @Property(tries = 200)
  void everyNonNegativeLongRoundTripsAsAQuantity(@ForAll @LongRange(min = 0) long n) throws Exception {
    String q = "0x" + Long.toHexString(n);
    assertThat(HexParams.UINT64.read(json("\"" + q + "\""))).isEqualTo(n);
    assertThat(BlockNumber.read(json("\"" + q + "\""))).isEqualTo(BlockNumber.of(n));
  }

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }
}
