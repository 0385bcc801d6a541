package dev.raftseq.node.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms settings accept. Hand-written rather than Typesafe's lenient parsers because a
 * number without a unit must not silently mean milliseconds, and {@code yes}/{@code on} must not
 * mean true.
 */
final class ValueSyntax {
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,19}");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,12})\\s*([A-Za-z]+)");
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,15})\\s*([A-Za-z]*)");

  private static final Map<String, Duration> DURATION_UNITS = Map.ofEntries(
      Map.entry("ms", Duration.ofMillis(1)),
      Map.entry("millis", Duration.ofMillis(1)),
      Map.entry("milliseconds", Duration.ofMillis(1)),
      Map.entry("s", Duration.ofSeconds(1)),
      Map.entry("sec", Duration.ofSeconds(1)),
      Map.entry("secs", Duration.ofSeconds(1)),
      Map.entry("seconds", Duration.ofSeconds(1)),
      Map.entry("m", Duration.ofMinutes(1)),
      Map.entry("min", Duration.ofMinutes(1)),
      Map.entry("mins", Duration.ofMinutes(1)),
      Map.entry("minutes", Duration.ofMinutes(1)),
      Map.entry("h", Duration.ofHours(1)),
      Map.entry("hours", Duration.ofHours(1)));

  /** Binary multiples throughout, as zksync-os-server (jsonrpsee) reads "15 MB". */
  private static final Map<String, Long> SIZE_UNITS = Map.ofEntries(
      Map.entry("b", 1L),
      Map.entry("k", 1L << 10), Map.entry("kb", 1L << 10), Map.entry("kib", 1L << 10),
      Map.entry("m", 1L << 20), Map.entry("mb", 1L << 20), Map.entry("mib", 1L << 20),
      Map.entry("g", 1L << 30), Map.entry("gb", 1L << 30), Map.entry("gib", 1L << 30));

  private ValueSyntax() {}

  /** {@code true} or {@code false}, any case. */
  static Optional<Boolean> parseBoolean(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return Optional.of(true);
    }
    if (t.equals("false")) {
      return Optional.of(false);
    }
    return Optional.empty();
  }

  /** A decimal integer that fits a long; no fraction, no exponent, no hex. */
  static Optional<Long> parseLong(String text) {
    String t = text.trim();
    if (!INTEGER.matcher(t).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(t));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * A whole number with a unit: {@code 250ms}, {@code 1s}, {@code 2m} (minutes), {@code 1h}; long
   * forms such as {@code 5 seconds} too. A unit is required.
   */
  static Optional<Duration> parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    Duration unit = DURATION_UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
    if (unit == null) {
      return Optional.empty();
    }
    return Optional.of(unit.multipliedBy(Long.parseLong(m.group(1))));
  }

  /**
   * A byte size: {@code 15MB}, {@code 512KB}, {@code 1048576B}; K/M/G are binary (1024-based),
   * KiB/MiB/GiB are accepted as synonyms. A bare number means megabytes, as zksync-os-server's
   * {@code RPC_MAX_REQUEST_SIZE=15}.
   */
  static Optional<Long> parseByteSize(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    Long multiplier = unit.isEmpty() ? Long.valueOf(1L << 20) : SIZE_UNITS.get(unit);
    if (multiplier == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Math.multiplyExact(Long.parseLong(m.group(1)), multiplier));
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** Renders a duration the way the settings are written, for messages. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0 && ms > 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
