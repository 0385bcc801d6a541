package dev.raftseq.chain.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Wei;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenesisSpecTest {
  static final Path LOCAL_GENESIS = Path.of("..", "local-chains", "genesis.json");
  static final Wei TEN_THOUSAND_ETH = Wei.of(BigInteger.TEN.pow(22));

  static GenesisSpec parse(String json) throws IOException {
    return GenesisSpec.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void localGenesisPrefundsTheTenDevAccounts() throws IOException {
    GenesisSpec spec = GenesisSpec.read(LOCAL_GENESIS);
    assertThat(spec.chainId()).isEqualTo(270);
    assertThat(spec.gasLimit()).isEqualTo(100_000_000L);
    assertThat(spec.baseFeePerGas()).isEqualTo(Wei.of(1_000_000_000L));
    assertThat(spec.extraData()).isEmpty();
    assertThat(spec.devAccounts()).isZero();
    assertThat(spec.alloc()).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(spec.alloc().get(DevKeys.address(i))).as("dev account %d", i).isEqualTo(new GenesisSpec.Alloc(TEN_THOUSAND_ETH));
    }
  }

  @Test
  void amountsMayBeNumbersDecimalOrHexStrings() throws IOException {
    GenesisSpec spec =
        parse(
            """
            {"chainId": 5, "gasLimit": 30000000, "baseFeePerGas": 7,
             "alloc": {"0x00000000000000000000000000000000000000aa": {"balance": "0x10", "nonce": 3},
                       "0x00000000000000000000000000000000000000bb": {"balance": "1000"},
                       "0x00000000000000000000000000000000000000cc": {"balance": 12}},
             "extraData": "0xcafe", "coinbase": "0x00000000000000000000000000000000000000dd"}
            """);
    assertThat(spec.baseFeePerGas()).isEqualTo(Wei.of(7));
    assertThat(spec.timestamp()).isZero();
    assertThat(spec.extraData()).containsExactly(0xca, 0xfe);
    assertThat(spec.coinbase()).isEqualTo(Address.fromHex("0x00000000000000000000000000000000000000dd"));
    assertThat(spec.alloc().get(Address.fromHex("0x00000000000000000000000000000000000000aa")))
        .isEqualTo(new GenesisSpec.Alloc(Wei.of(16), 3));
    assertThat(spec.alloc().get(Address.fromHex("0x00000000000000000000000000000000000000bb")).balance()).isEqualTo(Wei.of(1000));
    assertThat(spec.alloc().get(Address.fromHex("0x00000000000000000000000000000000000000cc")).balance()).isEqualTo(Wei.of(12));
  }

  @Test
  void devAccountsAreAddedAfterTheWellKnownTen() throws IOException {
    GenesisSpec spec =
        parse("{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 7, \"devAccounts\": 3, \"devAccountBalance\": \"99\"}");
    assertThat(spec.allAccounts())
        .containsOnlyKeys(DevKeys.address(10), DevKeys.address(11), DevKeys.address(12))
        .allSatisfy((a, alloc) -> assertThat(alloc).isEqualTo(new GenesisSpec.Alloc(Wei.of(99))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"gasLimit\": 30000000, \"baseFeePerGas\": 7}", // chainId missing
        "{\"chainId\": 5, \"baseFeePerGas\": 7}", // gasLimit missing
        "{\"chainId\": 5, \"gasLimit\": 30000000}", // baseFee missing
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": -1}",
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": \"0xzz\"}",
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1, \"gasLimt\": 5}", // typo
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1, \"alloc\": {\"0x12\": {\"balance\": 1}}}",
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1, \"alloc\": {\"0x00000000000000000000000000000000000000aa\": {}}}",
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1, \"alloc\": {\"0x00000000000000000000000000000000000000aa\": {\"balance\": 0}}}",
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1, \"devAccounts\": 2}", // no balance
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1, \"devAccounts\": 100001, \"devAccountBalance\": 1}",
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1, \"timestamp\": 9223372036854776}",
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1, \"timestamp\": -1}",
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1, \"extraData\": \"0x0102030405060708091011121314151617181920212223242526272829303132ff\"}",
        "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1} trailing",
        "not json",
        ""
      })
  void invalidFilesAreRefusedWithAnIoException(String json) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(IOException.class);
  }

  @Test
  void errorNamesTheProblem() {
    assertThatThrownBy(() -> parse("{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1, \"gasLimt\": 5}"))
        .hasMessageContaining("gasLimt");
    assertThatThrownBy(() -> parse("{\"chainId\": 0, \"gasLimit\": 30000000, \"baseFeePerGas\": 1}"))
        .hasMessageContaining("chainId must be positive");
  }

  @Test
  void devAccountAlsoInAllocIsAnError() throws IOException {
    GenesisSpec spec =
        parse(
            "{\"chainId\": 5, \"gasLimit\": 30000000, \"baseFeePerGas\": 1, \"devAccounts\": 1, \"devAccountBalance\": 1,"
                + " \"alloc\": {\"0xBcd4042DE499D14e55001CcbB24a551F3b954096\": {\"balance\": 1}}}");
    assertThatThrownBy(spec::allAccounts).hasMessageContaining("also in alloc");
  }
}
