package dev.raftseq.node.config;

import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.crypto.Secp256k1;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code network.*}: the devp2p endpoint. The node key's public key is this node's id in enode
 * URLs and in Raft.
 *
 * @param enabled whether the p2p network runs (required by consensus and by external nodes)
 * @param nodeKey from {@code network.secret_key}, or read from the file {@code network.secret_key_file}
 *     (the production way: the key is not in the process environment, which other processes of
 *     the same user can read); its {@code toString} shows only the node id
 * @param address the interface to listen on
 * @param port the p2p TCP port (1..65535); the Raft port is derived from it
 * @param bootNodes peers to connect to, which also give each Raft peer its address
 * @param maxPeers cap on p2p peers besides the boot nodes (which are always admitted)
 */
public record NetworkConfig(
    boolean enabled, Optional<NodeKey> nodeKey, String address, int port, List<Enode> bootNodes, int maxPeers) {
  public static final int DEFAULT_MAX_PEERS = 50;

  private static final Pattern SECRET = Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");

  public NetworkConfig {
    Objects.requireNonNull(nodeKey, "nodeKey");
    Objects.requireNonNull(address, "address");
    bootNodes = List.copyOf(bootNodes);
  }

  public NetworkConfig(boolean enabled, Optional<NodeKey> nodeKey, String address, int port, List<Enode> bootNodes) {
    this(enabled, nodeKey, address, port, bootNodes, DEFAULT_MAX_PEERS);
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
    Optional<String> inline = r.optionalString("network.secret_key");
    Optional<String> file = r.optionalString("network.secret_key_file");
    if (inline.isPresent() && file.isPresent()) {
      throw r.invalid("network.secret_key_file", "network.secret_key is set too; set only one of them (the file"
          + " is the safer way: the environment of a process can be read by other processes of its user)");
    }
    Optional<NodeKey> key = inline.map(hex -> nodeKey(r, "network.secret_key", hex))
        .or(() -> file.map(f -> nodeKey(r, "network.secret_key_file", readKeyFile(r, f))));
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
    int maxPeers = r.intValue("network.max_peers", 1, 10_000);
    return new NetworkConfig(enabled, key, address, port, bootNodes, maxPeers);
  }

  /** The key file's contents, once it is known to be a regular file only its owner can read. */
  private static String readKeyFile(SettingReader r, String file) {
    String setting = "network.secret_key_file";
    Path p;
    try {
      p = Path.of(file);
    } catch (InvalidPathException e) {
      throw r.invalid(setting, "not a file path: " + SettingReader.quote(setting, file));
    }
    if (!Files.isRegularFile(p)) {
      throw r.invalid(setting, "no such file: " + p.toAbsolutePath());
    }
    try {
      Optional<String> open = SecretFiles.tooOpen(p);
      if (open.isPresent()) {
        throw r.invalid(setting, open.get());
      }
      long size = Files.size(p);
      if (size > 1024) {
        throw r.invalid(setting, p.toAbsolutePath() + " is " + size + " bytes; expected 64 hex characters");
      }
      return new String(Files.readAllBytes(p), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw r.invalid(setting, "cannot read " + p.toAbsolutePath() + ": " + e.getMessage());
    }
  }

  /** Checks the key's form and range here so messages never depend on the crypto library's. */
  private static NodeKey nodeKey(SettingReader r, String path, String hex) {
    if (!SECRET.matcher(hex).matches()) {
      // a key's text never appears in a message, wherever it came from
      throw r.invalid(path, "expected 64 hex characters (optionally 0x-prefixed), got "
          + SettingReader.quote("network.secret_key", hex));
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
