package dev.raftseq.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The /status "batcher" object: whether this node settles on L1 ({@code enabled}), and the
 * batcher's progress as named fields (snake_case names; values are JSON scalars, null for unknown),
 * rendered after {@code enabled} in their order. The batcher module builds {@code details}; this
 * module does not depend on it.
 */
public record BatcherStatus(boolean enabled, Map<String, Object> details) {
  public BatcherStatus {
    // keeps order and null values (unknowns render as null)
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** Only whether it is enabled (a node that runs no batcher). */
  public BatcherStatus(boolean enabled) {
    this(enabled, Map.of());
  }
}
