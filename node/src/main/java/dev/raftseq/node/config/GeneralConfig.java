package dev.raftseq.node.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code general.*}.
 *
 * @param rocksDbPath where the node keeps its database (the Raft log goes in a sub-directory)
 * @param nodeRole main (sequences, alone or in Raft) or external (replays canonized blocks)
 * @param mainNodeRpcUrls where an external node forwards transactions, tried in order (the next one
 *     on a connection failure or a "not accepting transactions" answer); required for external
 * @param l1RpcUrl the L1 JSON-RPC endpoint (also settable as {@code l1_provider.rpc_url})
 * @param genesisPath the chain's genesis file
 */
public record GeneralConfig(
    Path rocksDbPath, NodeRole nodeRole, List<URI> mainNodeRpcUrls, URI l1RpcUrl, Path genesisPath) {
  public GeneralConfig {
    Objects.requireNonNull(rocksDbPath, "rocksDbPath");
    Objects.requireNonNull(nodeRole, "nodeRole");
    mainNodeRpcUrls = List.copyOf(mainNodeRpcUrls);
    Objects.requireNonNull(l1RpcUrl, "l1RpcUrl");
    Objects.requireNonNull(genesisPath, "genesisPath");
  }

  /** The first of {@link #mainNodeRpcUrls}. */
  public Optional<URI> mainNodeRpcUrl() {
    return mainNodeRpcUrls.stream().findFirst();
  }

  static GeneralConfig read(SettingReader r) {
    return new GeneralConfig(
        r.path("general.rocks_db_path"),
        r.choice("general.node_role", NodeRole.class),
        r.optionalHttpUrls("general.main_node_rpc_url"),
        r.url("general.l1_rpc_url"),
        r.path("general.genesis_path"));
  }
}
