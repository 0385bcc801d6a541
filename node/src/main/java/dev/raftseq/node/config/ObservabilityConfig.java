package dev.raftseq.node.config;

import java.util.Objects;

/**
 * {@code observability.*}.
 *
 * @param prometheusPort where /metrics is served (all interfaces); 0 picks a free port
 * @param logFormat terminal (human) or json (one object per line)
 */
public record ObservabilityConfig(int prometheusPort, LogFormat logFormat) {
  public ObservabilityConfig {
    Objects.requireNonNull(logFormat, "logFormat");
  }

  static ObservabilityConfig read(SettingReader r) {
    return new ObservabilityConfig(
        r.port("observability.prometheus_port", 0),
        r.choice("observability.log_format", LogFormat.class));
  }
}
