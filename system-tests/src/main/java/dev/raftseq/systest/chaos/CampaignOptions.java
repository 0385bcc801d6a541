package dev.raftseq.systest.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A campaign's parameters.
 *
 * @param cycles how many faults to inject (one per cycle)
 * @param seed fixes the fault plan and the clients' choices
 * @param faults the kinds to draw from
 * @param txPerSecond the load's target rate over all accounts
 * @param accounts how many accounts send (each from its own client thread)
 * @param maxDuration a bound on the fault phase: no cycle starts after it
 * @param runDir where history, chains, logs, data and the summary go
 * @param keep keep data and logs of a passing run too (a failing run always keeps them)
 * @param nodeEnv extra environment of every node process: only a test's negative control sets it
 */
public record CampaignOptions(int cycles, long seed, Set<FaultKind> faults, double txPerSecond, int accounts,
    Duration maxDuration, Path runDir, boolean keep, Path nodeJar, Path repoRoot, Map<String, String> nodeEnv) {
  public CampaignOptions(int cycles, long seed, Set<FaultKind> faults, double txPerSecond, int accounts,
      Duration maxDuration, Path runDir, boolean keep, Path nodeJar, Path repoRoot) {
    this(cycles, seed, faults, txPerSecond, accounts, maxDuration, runDir, keep, nodeJar, repoRoot, Map.of());
  }

  public CampaignOptions {
    Objects.requireNonNull(faults, "faults");
    faults = Set.copyOf(faults);
    nodeEnv = Map.copyOf(nodeEnv);
    if (cycles < 1 || accounts < 1 || txPerSecond <= 0) {
      throw new IllegalArgumentException("cycles, accounts and rate must be positive");
    }
  }
}
