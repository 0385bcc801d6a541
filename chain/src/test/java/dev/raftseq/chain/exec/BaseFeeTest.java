package dev.raftseq.chain.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseFeeTest {

  /**
   * go-ethereum consensus/misc/eip1559/eip1559_test.go, TestCalcBaseFee (parent base fee is
   * params.InitialBaseFee = 1000000000, parent gas limit 20000000).
   */
  @ParameterizedTest(name = "gasUsed {0} -> {1}")
  @CsvSource({
    "10000000, 1000000000", // usage == target
    "9000000, 987500000", // usage below target
    "11000000, 1012500000", // usage above target
    "20000000, 1125000000", // usage full
    "0, 875000000" // usage 0
  })
  void matchesGethTestCalcBaseFee(long gasUsed, long expected) {
    assertThat(BaseFee.next(Wei.of(1_000_000_000L), 20_000_000L, gasUsed)).isEqualTo(Wei.of(expected));
  }

  @ParameterizedTest(name = "base fee {0} over an empty block -> {1}")
  @CsvSource({"8, 7", "7, 7", "1, 1", "0, 0", "100, 88"})
  void emptyBlocksDecayTowardsSevenWei(long fee, long expected) {
    assertThat(BaseFee.next(Wei.of(fee), 30_000_000L, 0)).isEqualTo(Wei.of(expected));
  }

  @ParameterizedTest(name = "base fee {0} over a full block -> {1}")
  @CsvSource({"0, 1", "1, 2", "7, 8", "8, 9", "16, 18"})
  void fullBlocksRaiseByAtLeastOneWei(long fee, long expected) {
    assertThat(BaseFee.next(Wei.of(fee), 30_000_000L, 30_000_000L)).isEqualTo(Wei.of(expected));
  }

  @Property(tries = 300)
  void changeIsAtMostOneEighth(
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long fee,
      @ForAll @LongRange(min = 1, max = 500_000_000L) long halfGasLimit,
      @ForAll @LongRange(min = 0, max = 1_000_000_000L) long usedSeed) {
    long gasLimit = 2 * halfGasLimit; // with an odd limit a full block exceeds the target by one more
    long gasUsed = usedSeed % (gasLimit + 1);
    BigInteger before = BigInteger.valueOf(fee);
    BigInteger after = BaseFee.next(Wei.of(fee), gasLimit, gasUsed).value();
    BigInteger maxStep = before.divide(BigInteger.valueOf(8)).max(BigInteger.ONE);
    assertThat(after.subtract(before).abs()).isLessThanOrEqualTo(maxStep);
    long target = gasLimit / 2;
    if (gasUsed > target) {
      assertThat(after).isGreaterThan(before);
    } else {
      assertThat(after).isLessThanOrEqualTo(before);
    }
  }

  /** 50 empty blocks from 1 gwei, then 3 full ones; values computed independently (Python). */
  @Test
  void sequenceOverManyBlocks() {
    Wei fee = Wei.of(1_000_000_000L);
    for (int i = 0; i < 50; i++) {
      fee = BaseFee.next(fee, 100_000_000L, 0);
    }
    assertThat(fee).isEqualTo(Wei.of(1_260_097L));
    for (int i = 0; i < 3; i++) {
      fee = BaseFee.next(fee, 100_000_000L, 100_000_000L);
    }
    assertThat(fee).isEqualTo(Wei.of(1_794_161L));
  }

  @Test
  void idleChainSettlesAtSevenWeiAfter145Blocks() {
    Wei fee = Wei.of(1_000_000_000L);
    int blocks = 0;
    while (true) {
      Wei next = BaseFee.next(fee, 100_000_000L, 0);
      if (next.equals(fee)) {
        break;
      }
      fee = next;
      blocks++;
    }
    assertThat(fee).isEqualTo(Wei.of(7));
    assertThat(blocks).isEqualTo(145);
  }
}
