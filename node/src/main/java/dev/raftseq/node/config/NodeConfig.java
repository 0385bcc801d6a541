package dev.raftseq.node.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration of one node process. Obtain it from {@link ConfigLoader};
 * {@code toString()} never shows the secret key.
 */
public record NodeConfig(
    GeneralConfig general,
    NetworkConfig network,
    ConsensusConfig consensus,
    SequencerConfig sequencer,
    RpcConfig rpc,
    StatusServerConfig statusServer,
    ObservabilityConfig observability,
    BatcherConfig batcher,
    ProverApiConfig proverApi,
    MempoolConfig mempool,
    L1SenderConfig l1Sender,
    L1ProviderConfig l1Provider) {
  public NodeConfig {
    Objects.requireNonNull(general, "general");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(consensus, "consensus");
    Objects.requireNonNull(sequencer, "sequencer");
    Objects.requireNonNull(rpc, "rpc");
    Objects.requireNonNull(statusServer, "statusServer");
    Objects.requireNonNull(observability, "observability");
    Objects.requireNonNull(batcher, "batcher");
    Objects.requireNonNull(proverApi, "proverApi");
    Objects.requireNonNull(mempool, "mempool");
    Objects.requireNonNull(l1Sender, "l1Sender");
    Objects.requireNonNull(l1Provider, "l1Provider");
  }

  static NodeConfig read(SettingReader r) {
    return new NodeConfig(
        GeneralConfig.read(r),
        NetworkConfig.read(r),
        ConsensusConfig.read(r),
        SequencerConfig.read(r),
        RpcConfig.read(r),
        StatusServerConfig.read(r),
        ObservabilityConfig.read(r),
        BatcherConfig.read(r),
        ProverApiConfig.read(r),
        MempoolConfig.read(r),
        L1SenderConfig.read(r),
        L1ProviderConfig.read(r));
  }

  public boolean isExternal() {
    return general.nodeRole() == NodeRole.EXTERNAL;
  }

  /** This node's id ({@code 0x} + 128 hex), derived from network.secret_key when set. */
  public Optional<String> localNodeId() {
    return network.nodeId();
  }

  /**
   * The Raft group in {@code consensus.peer_ids} order, this node included; empty without
   * consensus. The loader has checked that every member has a boot node.
   */
  public List<RaftPeer> raftPeers() {
    if (!consensus.enabled()) {
      return List.of();
    }
    return consensus.peerIds().stream().map(id -> {
      Enode e = network.bootNode(id)
          .orElseThrow(() -> new IllegalStateException("no boot node for peer " + id));
      return new RaftPeer(id, e.address(), e.address().withPort(e.port() + consensus.raftPortOffset()));
    }).toList();
  }

  /** Where this node's Raft server listens: network.address, network.port + raft_port_offset. */
  public HostPort raftListenAddress() {
    return new HostPort(network.address(), network.port() + consensus.raftPortOffset());
  }
}
