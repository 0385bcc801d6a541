package dev.raftseq.bench.loadgen;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Accepts only JSON-RPC URLs whose host is a loopback literal or {@code localhost}: this workplace
 * forbids traffic to other addresses, and a load generator pointed elsewhere by mistake would be a
 * small denial of service. Host names other than {@code localhost} are refused without a DNS lookup.
 */
public final class LoopbackEndpoints {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private LoopbackEndpoints() {}

  /** Parses {@code url} and returns it if it is http(s) to a loopback host; otherwise explains why not. */
  public static URI requireLoopback(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: '" + url + "' (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("RPC URL must be http:// or https://, got '" + url + "'");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("RPC URL has no host: '" + url + "'");
    }
    if (!isLoopbackHost(host)) {
      throw new IllegalArgumentException("refusing to send to '" + host + "' (" + url + "): this workplace"
          + " forbids traffic to other addresses; use a loopback address such as 127.0.0.1, [::1] or localhost");
    }
    return uri;
  }

  static boolean isLoopbackHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    boolean literal = IPV4.matcher(h).matches() || h.contains(":");
    if (!literal) {
      return false; // a name: resolving it would itself be traffic we do not want
    }
    try {
      // a literal never triggers a lookup; getByName only parses it
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
