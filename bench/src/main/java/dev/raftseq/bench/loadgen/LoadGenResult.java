package dev.raftseq.bench.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Outcome of one run, written as one JSON line. Latencies run from the moment a transaction was due
 * (open-loop schedule) to the answer of {@code eth_sendRawTransaction} (ack) or to the first
 * observation of a block holding it (inclusion). {@code sendLag} shows how late the generator itself
 * sent; if its p99 is not small, the generator (or the machine) was the bottleneck.
 */
public record LoadGenResult(
    String label,
    String startedAt,
    List<String> rpcs,
    long chainId,
    String type,
    double targetTps,
    double durationSeconds,
    int accounts,
    int firstAccount,
    long planned,
    long sent,
    long acked,
    long included,
    long errors,
    long notIncluded,
    Map<String, Long> errorsByMessage,
    Map<String, Long> watcherErrors,
    double submittedTps,
    double includedTps,
    double wallSeconds,
    LatencySummary ackLatency,
    LatencySummary inclusionLatency,
    LatencySummary sendLag,
    long blocksObserved,
    long blocksWithOurTxs,
    long maxOurTxsPerBlock) {

  /** Human-readable summary for the terminal. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "loadgen %s  (chain %d, %s, %d accounts from #%d, target %.1f tx/s for %.1f s)%n",
        label, chainId, type, accounts, firstAccount, targetTps, durationSeconds));
    b.append(String.format(Locale.ROOT, "  txs: %d planned, %d sent, %d acked, %d included, %d errors, %d acked but not included%n",
        planned, sent, acked, included, errors, notIncluded));
    b.append(String.format(Locale.ROOT, "  rate: submitted %.1f tx/s, included %.1f tx/s; %d blocks seen, %d with our txs, max %d per block; wall %.2f s%n",
        submittedTps, includedTps, blocksObserved, blocksWithOurTxs, maxOurTxsPerBlock, wallSeconds));
    b.append(line("submit->ack", ackLatency));
    b.append(line("submit->inclusion", inclusionLatency));
    b.append(line("send lag", sendLag));
    errorsByMessage.forEach((m, c) -> b.append(String.format(Locale.ROOT, "  error x%d: %s%n", c, m)));
    watcherErrors.forEach((m, c) -> b.append(String.format(Locale.ROOT, "  block watcher error x%d: %s%n", c, m)));
    return b.toString();
  }

  private static String line(String name, LatencySummary s) {
    return String.format(Locale.ROOT, "  %-18s ms: p50 %8.2f  p90 %8.2f  p99 %8.2f  max %8.2f  (n=%d)%n",
        name, s.p50Ms(), s.p90Ms(), s.p99Ms(), s.maxMs(), s.count());
  }
}
