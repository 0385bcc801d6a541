package dev.raftseq.p2p;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer's devp2p address {@code enode://<128 hex node id>@host:port}: who (the id its handshake
 * must prove) and where. The host is a name, an IPv4 literal or a bracketed IPv6 literal.
 */
public record Enode(NodeId id, String host, int port) {
  private static final Pattern URL = Pattern.compile("enode://([0-9A-Fa-f]{128})@(.+)");
  private static final Pattern HOST_PORT =
      Pattern.compile("(?:\\[([0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)]|([A-Za-z0-9._-]+))"
          + ":([0-9]{1,5})");

  public Enode {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("enode port out of range: " + port);
    }
  }

  /**
   * Parses an enode URL strictly: no query (e.g. {@code ?discport=}), no whitespace, a port in
   * 1..65535, a node id that is a point on secp256k1.
   *
   * @throws IllegalArgumentException with the reason
   */
  public static Enode parse(String url) {
    Matcher m = URL.matcher(url);
    String form = "expected enode://<128 hex node id>@host:port, got '" + url + "'";
    if (!m.matches()) {
      throw new IllegalArgumentException(form);
    }
    Matcher hp = HOST_PORT.matcher(m.group(2));
    if (!hp.matches()) {
      throw new IllegalArgumentException(form, new IllegalArgumentException("expected host:port, got '" + m.group(2) + "'"));
    }
    int port = Integer.parseInt(hp.group(3));
    if (port > 65535) {
      throw new IllegalArgumentException(form, new IllegalArgumentException("port out of range: " + port));
    }
    if (port == 0) {
      throw new IllegalArgumentException("enode port must be 1..65535, got 0 in '" + url + "'");
    }
    NodeId id;
    try {
      id = NodeId.fromHex(m.group(1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("enode node id is not a secp256k1 public key in '" + url + "'", e);
    }
    return new Enode(id, hp.group(1) != null ? hp.group(1) : hp.group(2), port);
  }

  /** {@code host:port}, IPv6 in brackets. */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  public String toUrl() {
    return "enode://" + id.toHex().substring(2) + "@" + address();
  }

  @Override
  public String toString() {
    return toUrl();
  }
}
