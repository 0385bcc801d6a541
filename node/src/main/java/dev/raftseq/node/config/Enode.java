package dev.raftseq.node.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer's devp2p address {@code enode://<128 hex node id>@host:port}. The node id is its 64-byte
 * uncompressed secp256k1 public key; here it is kept as {@code 0x} + 128 lower-case hex, the same
 * form as {@code consensus.peer_ids} and {@code NodeKey.nodeIdHex()}.
 */
public record Enode(String nodeIdHex, String host, int port) {
  private static final Pattern URL = Pattern.compile("enode://([0-9A-Fa-f]{128})@(.+)");
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
   * Parses an enode URL strictly: no query (e.g. {@code ?discport=}), no whitespace, a port in
   * 1..65535.
   *
   * @throws IllegalArgumentException with the reason
   */
  public static Enode parse(String url) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected enode://<128 hex node id>@host:port, got '" + url + "'");
    }
    HostPort address;
    try {
      address = HostPort.parse(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "expected enode://<128 hex node id>@host:port, got '" + url + "'", e);
    }
    if (address.port() == 0) {
      throw new IllegalArgumentException("enode port must be 1..65535, got 0 in '" + url + "'");
    }
    return new Enode("0x" + m.group(1).toLowerCase(Locale.ROOT), address.host(), address.port());
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
