package dev.raftseq.node.config;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code status_server.*}: /status, /status/health, /status/ready, and the admin API. Port 0 picks a
 * free port.
 *
 * @param adminToken the bearer token of the admin API; the API is off (no listener) without one
 * @param adminAddress where the admin API listens: {@code status_server.admin_address}, or loopback on
 *     the status port + {@value #ADMIN_PORT_OFFSET} (0 stays 0)
 */
public record StatusServerConfig(boolean enabled, HostPort address, Optional<String> adminToken,
    HostPort adminAddress) {
  /** The admin API's default port is the status port plus this, on 127.0.0.1. */
  public static final int ADMIN_PORT_OFFSET = 10;

  public StatusServerConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(adminToken, "adminToken");
    Objects.requireNonNull(adminAddress, "adminAddress");
  }

  /** Without the admin API. */
  public StatusServerConfig(boolean enabled, HostPort address) {
    this(enabled, address, Optional.empty(), defaultAdminAddress(address));
  }

  public boolean adminEnabled() {
    return adminToken.isPresent();
  }

  static StatusServerConfig read(SettingReader r) {
    HostPort address = r.hostPort("status_server.address", 0);
    Optional<String> token = r.optionalString("status_server.admin_token");
    if (token.isPresent() && token.get().length() < 16) {
      throw r.invalid("status_server.admin_token", "must be at least 16 characters (it is the only"
          + " credential of the admin API), got " + token.get().length());
    }
    Optional<HostPort> configured = r.optionalString("status_server.admin_address").map(text -> {
      try {
        return HostPort.parse(text);
      } catch (IllegalArgumentException e) {
        throw r.invalid("status_server.admin_address", "expected host:port like 127.0.0.1:3081, got "
            + SettingReader.quote("status_server.admin_address", text));
      }
    });
    HostPort admin = configured.orElseGet(() -> {
      if (address.port() + ADMIN_PORT_OFFSET > 65535) {
        throw r.invalid("status_server.admin_address", "the default (status port " + address.port() + " + "
            + ADMIN_PORT_OFFSET + ") is above 65535; set it");
      }
      return defaultAdminAddress(address);
    });
    if (token.isPresent() && admin.port() != 0 && admin.equals(address)) {
      throw r.invalid("status_server.admin_address", "must differ from status_server.address (" + address
          + "): the admin API has a listener of its own");
    }
    return new StatusServerConfig(r.bool("status_server.enabled"), address, token, admin);
  }

  private static HostPort defaultAdminAddress(HostPort status) {
    return new HostPort("127.0.0.1", status.port() == 0 ? 0 : status.port() + ADMIN_PORT_OFFSET);
  }

  @Override
  public String toString() {
    return "StatusServerConfig[enabled=" + enabled + ", address=" + address + ", admin="
        + (adminToken.isPresent() ? "on at " + adminAddress : "off") + "]";
  }
}
