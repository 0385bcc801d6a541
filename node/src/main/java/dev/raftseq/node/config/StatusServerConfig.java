package dev.raftseq.node.config;

import java.util.Objects;

/** {@code status_server.*}: /status, /status/health, /status/ready. Port 0 picks a free port. */
public record StatusServerConfig(boolean enabled, HostPort address) {
  public StatusServerConfig {
    Objects.requireNonNull(address, "address");
  }

  static StatusServerConfig read(SettingReader r) {
    return new StatusServerConfig(
        r.bool("status_server.enabled"), r.hostPort("status_server.address", 0));
  }
}
