package dev.raftseq.systest.cluster;

import java.nio.file.Path;
import java.util.Map;
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
 * @param lossyfs when set (the lossyfs binary), every node's data lives on one lossyfs mount, so the
 *     harness can cut the power ({@link Cluster#powerCut()}); exclusive with tmpfsBytes
 * @param nodeEnv extra environment for every node process (a test's negative control: LD_PRELOAD)
 */
public record ClusterOptions(Path runDir, Path nodeJar, Path repoRoot, int loadAccounts, Optional<Path> faketime,
    Optional<Long> tmpfsBytes, Optional<Path> lossyfs, Map<String, String> nodeEnv) {
  public ClusterOptions {
    Objects.requireNonNull(runDir, "runDir");
    Objects.requireNonNull(nodeJar, "nodeJar");
    Objects.requireNonNull(repoRoot, "repoRoot");
    Objects.requireNonNull(faketime, "faketime");
    Objects.requireNonNull(tmpfsBytes, "tmpfsBytes");
    Objects.requireNonNull(lossyfs, "lossyfs");
    nodeEnv = Map.copyOf(nodeEnv);
    if (tmpfsBytes.isPresent() && lossyfs.isPresent()) {
      throw new IllegalArgumentException("a node's data is on tmpfs or on lossyfs, not both");
    }
  }

  public ClusterOptions(Path runDir, Path nodeJar, Path repoRoot, int loadAccounts, Optional<Path> faketime,
      Optional<Long> tmpfsBytes) {
    this(runDir, nodeJar, repoRoot, loadAccounts, faketime, tmpfsBytes, Optional.empty(), Map.of());
  }
}
