package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {
  @Test
  void spacesTransactionsEvenly() {
    OpenLoopSchedule s = new OpenLoopSchedule(200);
    assertThat(s.dueOffsetNanos(0)).isZero();
    assertThat(s.dueOffsetNanos(1)).isEqualTo(5_000_000);
    assertThat(s.dueOffsetNanos(200)).isEqualTo(1_000_000_000);
    assertThat(s.slotNanos()).isEqualTo(5_000_000);
    assertThat(new OpenLoopSchedule(3).dueOffsetNanos(1)).isEqualTo(333_333_333);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new OpenLoopSchedule(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OpenLoopSchedule(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OpenLoopSchedule(1).dueOffsetNanos(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 300)
  void dueTimesNeverDecreaseAndHitTheRate(@ForAll @DoubleRange(min = 0.01, max = 1_000_000) double rate,
      @ForAll @LongRange(min = 0, max = 1_000_000) long k) {
    OpenLoopSchedule s = new OpenLoopSchedule(rate);
    assertThat(s.dueOffsetNanos(k + 1)).isGreaterThanOrEqualTo(s.dueOffsetNanos(k));
    // k transactions are due within k / rate seconds, to a nanosecond
    assertThat((double) s.dueOffsetNanos(k)).isCloseTo(k * 1e9 / rate, org.assertj.core.data.Offset.offset(1.0 + k * 1e9 / rate * 1e-12));
  }
}
