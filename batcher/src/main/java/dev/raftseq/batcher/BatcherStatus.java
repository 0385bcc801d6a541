package dev.raftseq.batcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The batcher's progress for /status and metrics. The committed / proven / executed numbers are the
 * L1 contract's counters as last read (null before the first successful read).
 *
 * @param enabled this node settles on L1 (batcher.enabled)
 * @param active it is settling now (false while it follows a leader it is not, or before start)
 * @param lastL1Error the latest L1 failure (unreachable, revert, refused transaction), if any
 * @param waiting why settlement is holding back, if it is
 */
public record BatcherStatus(
    boolean enabled,
    boolean active,
    Optional<String> l1Contract,
    Optional<String> operator,
    long lastSealedBatch,
    Long lastCommittedBatch,
    Long lastProvenBatch,
    Long lastExecutedBatch,
    int l1TransactionsInFlight,
    Optional<String> lastL1Error,
    Optional<Long> lastL1ErrorAtMillis,
    long l1Errors,
    Optional<String> waiting) {

  /** The /status "batcher" object (snake_case, nulls for unknowns). */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", enabled);
    m.put("active", active);
    m.put("l1_contract", l1Contract.orElse(null));
    m.put("operator", operator.orElse(null));
    m.put("last_sealed_batch", lastSealedBatch);
    m.put("last_committed_batch", lastCommittedBatch);
    m.put("last_proven_batch", lastProvenBatch);
    m.put("last_executed_batch", lastExecutedBatch);
    m.put("l1_transactions_in_flight", l1TransactionsInFlight);
    m.put("last_l1_error", lastL1Error.orElse(null));
    m.put("last_l1_error_at_ms", lastL1ErrorAtMillis.orElse(null));
    m.put("l1_errors", l1Errors);
    m.put("waiting", waiting.orElse(null));
    return m;
  }
}
