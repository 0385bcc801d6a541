package dev.raftseq.systest.cluster;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start a cluster.
 *
 * @param runDir where logs, data and the genesis go
 * @param nodeJar node/target/node.jar
 * @param repoRoot the working directory of every node (they read local-chains/ from it)
 * @param loadAccounts dev accounts to prefund besides the ten of genesis.json
 * @param faketime libfaketime, to give each node a clock the harness can move; empty: real clocks
 * @param tmpfsBytes when set, each node's data lives on a tmpfs of this size (needs root)
 */
public record ClusterOptions(Path runDir, Path nodeJar, Path repoRoot, int loadAccounts, Optional<Path> faketime,
    Optional<Long> tmpfsBytes) {
  public ClusterOptions {
    Objects.requireNonNull(runDir, "runDir");
    Objects.requireNonNull(nodeJar, "nodeJar");
    Objects.requireNonNull(repoRoot, "repoRoot");
    Objects.requireNonNull(faketime, "faketime");
    Objects.requireNonNull(tmpfsBytes, "tmpfsBytes");
  }
}
