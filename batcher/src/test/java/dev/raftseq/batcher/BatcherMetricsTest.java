package dev.raftseq.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BatcherMetricsTest {
  static BatcherStatus status(long sealed, Long committed, Long proven, Long executed, long errors) {
    return new BatcherStatus(true, true, Optional.of("0xc"), Optional.of("0xo"), sealed, committed, proven, executed, 2,
        Optional.empty(), Optional.empty(), errors, Optional.empty());
  }

  @Test
  void gaugesFollowTheStatus() {
    AtomicReference<BatcherStatus> s = new AtomicReference<>(status(3, null, null, null, 0));
    SimpleMeterRegistry r = new SimpleMeterRegistry();
    new BatcherMetrics(s::get).bindTo(r);
    assertThat(r.get("batcher_last_sealed_batch").gauge().value()).isEqualTo(3);
    assertThat(r.get("batcher_l1_last_committed_batch").gauge().value()).isEqualTo(-1);
    s.set(status(7, 6L, 5L, 4L, 9));
    assertThat(r.get("batcher_last_sealed_batch").gauge().value()).isEqualTo(7);
    assertThat(r.get("batcher_l1_last_committed_batch").gauge().value()).isEqualTo(6);
    assertThat(r.get("batcher_l1_last_proven_batch").gauge().value()).isEqualTo(5);
    assertThat(r.get("batcher_l1_last_executed_batch").gauge().value()).isEqualTo(4);
    assertThat(r.get("batcher_l1_transactions_in_flight").gauge().value()).isEqualTo(2);
    assertThat(r.get("batcher_active").gauge().value()).isEqualTo(1);
    assertThat(r.get("batcher_l1_errors_total").functionCounter().count()).isEqualTo(9);
    assertThat(s.get().toJsonMap()).containsEntry("last_executed_batch", 4L).containsEntry("l1_contract", "0xc")
        .containsEntry("last_l1_error", null);
  }
}
