package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorCountsTest {
  @Test
  void masksNumbersAndHexSoOneKindCountsOnce() {
    ErrorCounts c = new ErrorCounts();
    c.add("insufficient funds for gas * price + value: have 0 want 21000000 (0xabc123)");
    c.add("insufficient funds for gas * price + value: have 5 want 7 (0xFF)");
    c.add("  ");
    assertThat(c.snapshot()).containsOnly(
        org.assertj.core.api.Assertions.entry("insufficient funds for gas * price + value: have N want N (0x…)", 2L),
        org.assertj.core.api.Assertions.entry("(no message)", 1L));
    assertThat(c.total()).isEqualTo(3);
  }

  @Test
  void capsDistinctKindsAndTruncatesLongMessages() {
    ErrorCounts c = new ErrorCounts();
    for (int i = 0; i < ErrorCounts.MAX_KINDS + 20; i++) {
      c.add("kind " + (char) ('a' + i % 26) + (char) ('a' + i / 26));
    }
    c.add("x".repeat(1000));
    assertThat(c.snapshot()).hasSize(ErrorCounts.MAX_KINDS + 1);
    assertThat(c.snapshot().get(ErrorCounts.OTHER)).isEqualTo(21L);
    assertThat(c.total()).isEqualTo(ErrorCounts.MAX_KINDS + 21L);
    assertThat(ErrorCounts.normalize("y".repeat(1000))).hasSize(201);
  }
}
