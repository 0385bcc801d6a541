package dev.raftseq.node.config;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A host (name, IPv4 or IPv6 literal) and a TCP port; IPv6 is written in brackets. */
public record HostPort(String host, int port) {
  private static final Pattern FORM =
      Pattern.compile("(?:\\[([0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)]|([A-Za-z0-9._-]+))"
          + ":([0-9]{1,5})");

  public HostPort {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses {@code host:port} or {@code [ipv6]:port}.
   *
   * @throws IllegalArgumentException when the text has another form or the port exceeds 65535
   */
  public static HostPort parse(String text) {
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected host:port, got '" + text + "'");
    }
    String host = m.group(1) != null ? m.group(1) : m.group(2);
    return new HostPort(host, Integer.parseInt(m.group(3)));
  }

  public HostPort withPort(int newPort) {
    return new HostPort(host, newPort);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
