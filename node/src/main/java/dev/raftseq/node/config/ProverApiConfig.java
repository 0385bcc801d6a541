package dev.raftseq.node.config;

import java.util.Objects;

/** {@code prover_api.*}: the HTTP API provers pull jobs from. Port 0 picks a free port. */
public record ProverApiConfig(boolean enabled, HostPort address) {
  public ProverApiConfig {
    Objects.requireNonNull(address, "address");
  }

  static ProverApiConfig read(SettingReader r) {
    return new ProverApiConfig(r.bool("prover_api.enabled"), r.hostPort("prover_api.address", 0));
  }
}
