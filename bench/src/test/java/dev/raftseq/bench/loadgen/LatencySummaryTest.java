package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {
  @Test
  void nearestRankOnOneToHundredMilliseconds() {
    long[] ms = LongStream.rangeClosed(1, 100).map(i -> (101 - i) * 1_000_000).toArray(); // unsorted input
    LatencySummary s = LatencySummary.ofNanos(ms);
    assertThat(s).isEqualTo(new LatencySummary(100, 50.0, 90.0, 99.0, 100.0));
    assertThat(ms[0]).isEqualTo(100_000_000); // input untouched
  }

  @Test
  void smallAndEmptySamples() {
    assertThat(LatencySummary.ofNanos(new long[0])).isEqualTo(LatencySummary.EMPTY);
    assertThat(LatencySummary.ofNanos(new long[] {1_234_567})).isEqualTo(new LatencySummary(1, 1.23, 1.23, 1.23, 1.23));
    // with 10 samples p99 is the maximum, p90 the 9th
    long[] ten = LongStream.rangeClosed(1, 10).map(i -> i * 1_000_000).toArray();
    assertThat(LatencySummary.ofNanos(ten)).isEqualTo(new LatencySummary(10, 5.0, 9.0, 10.0, 10.0));
  }

  @Property(tries = 200)
  void percentilesAreNearestRankAndOrdered(@ForAll @Size(min = 1, max = 300) long[] sample0) {
    long[] sample = Arrays.stream(sample0).map(v -> Math.floorMod(v, 10_000_000_000L)).toArray();
    LatencySummary s = LatencySummary.ofNanos(sample);
    long[] sorted = sample.clone();
    Arrays.sort(sorted);
    for (double p : new double[] {50, 90, 99}) {
      long v = LatencySummary.percentile(sorted, p);
      long atOrBelow = Arrays.stream(sorted).filter(x -> x <= v).count();
      long below = Arrays.stream(sorted).filter(x -> x < v).count();
      assertThat(atOrBelow).isGreaterThanOrEqualTo((long) Math.ceil(p / 100 * sorted.length));
      assertThat(below).isLessThan((long) Math.ceil(p / 100 * sorted.length));
    }
    assertThat(s.p50Ms()).isLessThanOrEqualTo(s.p90Ms());
    assertThat(s.p90Ms()).isLessThanOrEqualTo(s.p99Ms());
    assertThat(s.p99Ms()).isLessThanOrEqualTo(s.maxMs());
    assertThat(s.count()).isEqualTo(sample.length);
  }
}
