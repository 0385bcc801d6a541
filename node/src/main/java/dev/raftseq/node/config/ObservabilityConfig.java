package dev.raftseq.node.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code observability.*}.
 *
 * @param prometheusAddress the interface /metrics listens on
 * @param prometheusPort where /metrics is served; 0 picks a free port
 * @param logFormat terminal (human) or json (one object per line)
 * @param logLevels levels by logger name (package or class), in order; a {@code null} logger is the root
 */
public record ObservabilityConfig(String prometheusAddress, int prometheusPort, LogFormat logFormat,
    List<LogLevel> logLevels) {
  private static final Pattern LOGGER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
  private static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

  /** One {@code logger=level} item; {@code logger} null for a bare level (the root logger). */
  public record LogLevel(String logger, String level) {
    public LogLevel {
      Objects.requireNonNull(level, "level");
    }
  }

  public ObservabilityConfig {
    Objects.requireNonNull(prometheusAddress, "prometheusAddress");
    Objects.requireNonNull(logFormat, "logFormat");
    logLevels = List.copyOf(logLevels);
  }

  /** On all interfaces, no level overrides. */
  public ObservabilityConfig(int prometheusPort, LogFormat logFormat) {
    this("0.0.0.0", prometheusPort, logFormat, List.of());
  }

  static ObservabilityConfig read(SettingReader r) {
    return new ObservabilityConfig(
        r.host("observability.prometheus_address"),
        r.port("observability.prometheus_port", 0),
        r.choice("observability.log_format", LogFormat.class),
        r.list("observability.log_levels", ObservabilityConfig::logLevel));
  }

  /** {@code level} or {@code logger=level}, e.g. {@code dev.raftseq.raft=debug}. */
  static LogLevel logLevel(String item) {
    int eq = item.indexOf('=');
    String logger = eq < 0 ? null : item.substring(0, eq).trim();
    String level = (eq < 0 ? item : item.substring(eq + 1)).trim().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("expected a level (" + String.join(", ", LEVELS) + ") or"
          + " logger=level, got '" + item + "'");
    }
    if (logger != null && !logger.equalsIgnoreCase("root") && !LOGGER.matcher(logger).matches()) {
      throw new IllegalArgumentException("expected a logger name like dev.raftseq.raft before '=', got '" + item + "'");
    }
    return new LogLevel(logger == null || logger.equalsIgnoreCase("root") ? null : logger, level);
  }
}
