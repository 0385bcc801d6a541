package dev.raftseq.node.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A peer's devp2p address {@code enode://<128 hex node id>@host:port}. The node id is its 64-byte
 * uncompressed secp256k1 public key; here it is kept as {@code 0x} + 128 lower-case hex, the same
 * form as {@code consensus.peer_ids} and {@code NodeKey.nodeIdHex()}.
 */
public record Enode(String nodeIdHex, String host, int port) {
  private static final Pattern NODE_ID = Pattern.compile("0x[0-9a-f]{128}");

  public Enode {
    Objects.requireNonNull(nodeIdHex, "nodeIdHex");
    if (!NODE_ID.matcher(nodeIdHex).matches()) {
      throw new IllegalArgumentException("node id must be 0x + 128 lower-case hex: " + nodeIdHex);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("enode port out of range: " + port);
    }
    new HostPort(host, port); // validates the host
  }

  /**
   * Parses an enode URL strictly (the p2p module's parser): no query (e.g. {@code ?discport=}), no
   * whitespace, a port in 1..65535, a node id that is a point on secp256k1.
   *
   * @throws IllegalArgumentException with the reason
   */
  public static Enode parse(String url) {
    return of(dev.raftseq.p2p.Enode.parse(url));
  }

  public static Enode of(dev.raftseq.p2p.Enode e) {
    return new Enode(e.id().toHex(), e.host(), e.port());
  }

  /** The p2p module's form, for the network. */
  public dev.raftseq.p2p.Enode toP2p() {
    return new dev.raftseq.p2p.Enode(dev.raftseq.p2p.NodeId.fromHex(nodeIdHex), host, port);
  }

  public HostPort address() {
    return new HostPort(host, port);
  }

  public String toUrl() {
    return "enode://" + nodeIdHex.substring(2) + "@" + address();
  }

  @Override
  public String toString() {
    return toUrl();
  }
}
