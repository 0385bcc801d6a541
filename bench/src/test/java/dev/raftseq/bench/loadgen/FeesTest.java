package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FeesTest {
  private static final BigInteger GWEI = Units.GWEI;

  @Test
  void defaultsFollowTheNodesGasPrice() {
    BigInteger price = GWEI.multiply(BigInteger.valueOf(3));
    assertThat(Fees.resolve(TxKind.EIP1559, null, null, price))
        .isEqualTo(new Fees(TxKind.EIP1559, GWEI.multiply(BigInteger.valueOf(7)), GWEI));
    assertThat(Fees.resolve(TxKind.LEGACY, null, null, price).maxFeePerGas()).isEqualTo(GWEI.multiply(BigInteger.valueOf(6)));
    assertThat(Fees.resolve(TxKind.EIP1559, BigInteger.TEN, null, price)).isEqualTo(
        new Fees(TxKind.EIP1559, BigInteger.TEN, BigInteger.TEN)); // default tip lowered to an explicit low max fee
    assertThat(Fees.resolve(TxKind.EIP1559, BigInteger.TEN, BigInteger.ONE, price)).isEqualTo(
        new Fees(TxKind.EIP1559, BigInteger.TEN, BigInteger.ONE));
  }

  @Test
  void rejectsATipAboveTheMaxFee() {
    assertThatThrownBy(() -> Fees.resolve(TxKind.EIP1559, BigInteger.ONE, BigInteger.TWO, GWEI))
        .hasMessageContaining("exceeds max fee");
  }

  @Test
  void parsesWeiAndGwei() {
    assertThat(Units.parseWei("--x", "1500000000")).isEqualTo(BigInteger.valueOf(1_500_000_000L));
    assertThat(Units.parseWei("--x", "1.5gwei")).isEqualTo(BigInteger.valueOf(1_500_000_000L));
    assertThat(Units.parseWei("--x", "2 GWEI")).isEqualTo(BigInteger.valueOf(2_000_000_000L));
    assertThat(Units.parseWei("--x", "12wei")).isEqualTo(BigInteger.valueOf(12));
    assertThatThrownBy(() -> Units.parseWei("--x", "0.1wei")).hasMessageContaining("--x must be a whole number");
    assertThatThrownBy(() -> Units.parseWei("--x", "gwei")).hasMessageContaining("--x must be a whole number");
  }
}
