package dev.raftseq.node.config;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code batcher.*}: L1 settlement; enable it on exactly one consensus node.
 *
 * @param enabled whether this node seals batches and submits them to L1
 * @param batchTimeout a non-empty batch is sealed at the latest this long after it was opened
 */
public record BatcherConfig(boolean enabled, Duration batchTimeout) {
  public BatcherConfig {
    Objects.requireNonNull(batchTimeout, "batchTimeout");
  }

  static BatcherConfig read(SettingReader r) {
    return new BatcherConfig(
        r.bool("batcher.enabled"), r.duration("batcher.batch_timeout", Duration.ofMillis(1)));
  }
}
