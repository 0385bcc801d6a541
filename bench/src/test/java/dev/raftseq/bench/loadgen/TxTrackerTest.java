package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TxTrackerTest {
  private static final long MS = 1_000_000;

  @Test
  void timesAckAndInclusionFromTheDueTime() {
    TxTracker t = new TxTracker();
    t.sent("0xAA", 0);
    t.sent("0xbb", 10 * MS);
    t.acked("0xaa", "0xAA", 2 * MS); // hashes compare case-insensitively
    t.acked("0xbb", "0xbb", 14 * MS);
    assertThat(t.unsettled()).isEqualTo(2);
    t.blockObserved(List.of("0xcc", "0xaa"), 100 * MS); // 0xcc is someone else's
    t.blockObserved(List.of("0xBB"), 150 * MS);

    TxTracker.Stats s = t.stats();
    assertThat(t.unsettled()).isZero();
    assertThat(s.sent()).isEqualTo(2);
    assertThat(s.acked()).isEqualTo(2);
    assertThat(s.included()).isEqualTo(2);
    assertThat(s.failed()).isZero();
    assertThat(s.notIncluded()).isZero();
    assertThat(s.ackLatency()).isEqualTo(new LatencySummary(2, 2.0, 4.0, 4.0, 4.0));
    assertThat(s.inclusionLatency()).isEqualTo(new LatencySummary(2, 100.0, 140.0, 140.0, 140.0));
    assertThat(s.blocksObserved()).isEqualTo(2);
    assertThat(s.blocksWithOurTxs()).isEqualTo(2);
    assertThat(s.maxOurTxsPerBlock()).isEqualTo(1);
    assertThat(s.lastInclusionAtNanos()).isEqualTo(150 * MS);
  }

  @Test
  void inclusionBeforeAckAndRepeatedInclusionCountOnce() {
    TxTracker t = new TxTracker();
    t.sent("0x01", 0);
    t.blockObserved(List.of("0x01"), 5 * MS);
    t.blockObserved(List.of("0x01"), 9 * MS); // e.g. a re-org or a duplicate poll
    t.acked("0x01", "0x01", 7 * MS);
    TxTracker.Stats s = t.stats();
    assertThat(s.included()).isEqualTo(1);
    assertThat(s.acked()).isEqualTo(1);
    assertThat(s.inclusionLatency().maxMs()).isEqualTo(5.0);
    assertThat(t.unsettled()).isZero();
  }

  @Test
  void failuresSettleOnceAndAreCountedByKind() {
    TxTracker t = new TxTracker();
    t.sent("0x01", 0);
    t.sent("0x02", 0);
    t.sent("0x03", 0);
    t.sent("0x04", 0);
    t.failed("0x01", "rpc error -32000: nonce too low: next nonce 5, tx nonce 3");
    t.failed("0x02", "rpc error -32000: nonce too low: next nonce 6, tx nonce 4");
    t.acked("0x03", "0xdeadbeef", MS); // wrong hash
    t.acked("0x04", "0x04", MS);
    t.blockObserved(List.of("0x01"), 2 * MS); // a failed request whose tx landed anyway
    t.failed("0x01", "late duplicate report");

    TxTracker.Stats s = t.stats();
    assertThat(s.failed()).isEqualTo(3);
    assertThat(s.acked()).isEqualTo(1);
    assertThat(s.included()).isEqualTo(1);
    assertThat(s.notIncluded()).isEqualTo(1); // 0x04
    assertThat(t.unsettled()).isEqualTo(1);
    assertThat(s.errorsByMessage()).isEqualTo(Map.of(
        "rpc error -N: nonce too low: next nonce N, tx nonce N", 2L,
        "node answered a hash that is not keccak(raw transaction)", 1L,
        "late duplicate report", 1L));
  }

  @Test
  void guardsAgainstMisuse() {
    TxTracker t = new TxTracker();
    t.sent("0x01", 0);
    assertThatThrownBy(() -> t.sent("0x01", 1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> t.acked("0x02", "0x02", 1)).isInstanceOf(IllegalStateException.class);
  }
}
