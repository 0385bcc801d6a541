package dev.raftseq.node.config;

import java.util.Optional;

/** The rules that involve more than one setting. Each failure names the setting to change. */
final class ConfigRules {
  private ConfigRules() {}

  static void check(NodeConfig c, SettingReader r) {
    NetworkConfig net = c.network();
    ConsensusConfig cons = c.consensus();
    if (net.enabled() && net.nodeKey().isEmpty()) {
      throw r.invalid("network.secret_key", "required when network.enabled=true (it is this"
          + " node's p2p identity and Raft id); or give it as a file in network.secret_key_file"
          + " (NETWORK_SECRET_KEY_FILE)");
    }
    if (c.isExternal()) {
      if (cons.enabled()) {
        throw r.invalid("general.node_role", "an external node does not take part in consensus;"
            + " set consensus.enabled=false or general.node_role=main");
      }
      if (c.general().mainNodeRpcUrl().isEmpty()) {
        throw r.invalid("general.main_node_rpc_url", "required when general.node_role=external");
      }
      if (!net.enabled()) {
        throw r.invalid("network.enabled", "an external node downloads blocks over p2p;"
            + " set network.enabled=true");
      }
    }
    if (cons.enabled()) {
      checkConsensus(c, r);
    }
    if (c.batcher().enabled() && cons.enabled()) {
      // the settling node of a cluster must know where and as whom to settle
      if (c.l1Sender().contractAddress().isEmpty()) {
        throw r.invalid("l1_sender.contract_address", "required when batcher.enabled=true (the"
            + " BatchSettlement contract on L1); set batcher.enabled=false on the other consensus nodes");
      }
      if (c.l1Sender().operatorPrivateKey().isEmpty()) {
        throw r.invalid("l1_sender.operator_commit_pk", "required when batcher.enabled=true (or"
            + " l1_sender.operator_key_file): the L1 account that commits batches");
      }
    }
  }

  private static void checkConsensus(NodeConfig c, SettingReader r) {
    NetworkConfig net = c.network();
    ConsensusConfig cons = c.consensus();
    if (!net.enabled()) {
      throw r.invalid("consensus.enabled", "consensus requires network.enabled=true"
          + " (Raft peers are known by their enode ids)");
    }
    if (c.batcher().attestationPortOffset() == cons.raftPortOffset()) {
      throw r.invalid("batcher.attestation_port_offset", "must differ from consensus.raft_port_offset ("
          + cons.raftPortOffset() + "): both listen at the enode port plus their offset");
    }
    // network.enabled already required the key
    String self = net.nodeId().orElseThrow();
    if (!cons.peerIds().contains(self)) {
      throw r.invalid("consensus.peer_ids", "must include this node's id " + self
          + " (derived from network.secret_key)");
    }
    for (String id : cons.peerIds()) {
      Optional<Enode> boot = net.bootNode(id);
      if (boot.isEmpty()) {
        throw r.invalid("consensus.peer_ids", "peer " + id + " has no entry in network.boot_nodes,"
            + " which gives its address");
      }
      int raftPort = boot.get().port() + cons.raftPortOffset();
      if (raftPort > 65535) {
        throw r.invalid("network.boot_nodes", "peer " + id + " at " + boot.get().address()
            + " would have Raft port " + raftPort + " (its port + consensus.raft_port_offset "
            + cons.raftPortOffset() + "), above 65535");
      }
      int attestationPort = boot.get().port() + c.batcher().attestationPortOffset();
      if (attestationPort > 65535) {
        throw r.invalid("network.boot_nodes", "peer " + id + " at " + boot.get().address()
            + " would serve batch signatures on port " + attestationPort + " (its port +"
            + " batcher.attestation_port_offset " + c.batcher().attestationPortOffset() + "), above 65535");
      }
    }
    Enode own = net.bootNode(self).orElseThrow();
    if (own.port() != net.port()) {
      throw r.invalid("network.boot_nodes", "this node's entry says port " + own.port()
          + " but network.port is " + net.port() + "; peers would reach its Raft port at the wrong"
          + " place");
    }
  }
}
