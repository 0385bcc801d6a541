package dev.raftseq.node.config;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code network.*}: the devp2p endpoint. The node key's public key is this node's id in enode
 * URLs and in Raft.
 *
 * @param enabled whether the p2p network runs (required by consensus and by external nodes)
 * @param nodeKey from {@code network.secret_key}; its {@code toString} shows only the node id
 * @param address the interface to listen on
 * @param port the p2p TCP port (1..65535); the Raft port is derived from it
 * @param bootNodes peers to connect to, which also give each Raft peer its address
 */
public record NetworkConfig(
    boolean enabled, Optional<NodeKey> nodeKey, String address, int port, List<Enode> bootNodes) {
  private static final Pattern SECRET = Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");

  public NetworkConfig {
    Objects.requireNonNull(nodeKey, "nodeKey");
    Objects.requireNonNull(address, "address");
    bootNodes = List.copyOf(bootNodes);
  }

  /** This node's id, {@code 0x} + 128 hex, when a secret key is configured. */
  public Optional<String> nodeId() {
    return nodeKey.map(NodeKey::nodeIdHex);
  }

  public HostPort listenAddress() {
    return new HostPort(address, port);
  }

  public Optional<Enode> bootNode(String nodeIdHex) {
    return bootNodes.stream().filter(e -> e.nodeIdHex().equals(nodeIdHex)).findFirst();
  }

  static NetworkConfig read(SettingReader r) {
    boolean enabled = r.bool("network.enabled");
    Optional<NodeKey> key = r.optionalString("network.secret_key").map(hex -> nodeKey(r, hex));
    String address = r.host("network.address");
    int port = r.port("network.port", 1);
    List<Enode> bootNodes = r.list("network.boot_nodes", Enode::parse);
    for (int i = 0; i < bootNodes.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (bootNodes.get(i).nodeIdHex().equals(bootNodes.get(j).nodeIdHex())) {
          throw r.invalid("network.boot_nodes", "items " + (j + 1) + " and " + (i + 1)
              + " have the same node id " + bootNodes.get(i).nodeIdHex());
        }
      }
    }
    return new NetworkConfig(enabled, key, address, port, bootNodes);
  }

  /** Checks the key's form and range here so messages never depend on the crypto library's. */
  private static NodeKey nodeKey(SettingReader r, String hex) {
    String path = "network.secret_key";
    if (!SECRET.matcher(hex).matches()) {
      throw r.invalid(path, "expected 64 hex characters (optionally 0x-prefixed), got "
          + SettingReader.quote(path, hex));
    }
    String digits = hex.length() == 66 ? hex.substring(2) : hex;
    BigInteger k = new BigInteger(digits, 16);
    if (k.signum() == 0 || k.compareTo(Secp256k1.N) >= 0) {
      throw r.invalid(path, "not a valid secp256k1 private key (it must be between 1 and the curve"
          + " order - 1)");
    }
    return NodeKey.fromHex(digits);
  }
}
