package dev.raftseq.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Strict, typed reads of the merged configuration. Every read is recorded, so that whatever was
 * set but never read can be reported as an unknown setting: the readers of the section records are
 * the one list of known settings. Every error names the setting, and the environment variable when
 * one set it.
 */
final class SettingReader {
  private final Config config;
  private final Map<String, String> variableOf;
  private final Set<String> read = new HashSet<>();

  SettingReader(Config config, Map<String, String> variableOf) {
    this.config = config;
    this.variableOf = Map.copyOf(variableOf);
  }

  // ---- naming and errors

  /** {@code SEQUENCER_BLOCK_TIME (sequencer.block_time)} or {@code sequencer.block_time (from f)}. */
  String describe(String path) {
    String variable = variableOf.get(path);
    if (variable != null) {
      return variable + " (" + path + ")";
    }
    if (!config.hasPath(path)) {
      return path;
    }
    ConfigOrigin origin = config.getValue(path).origin();
    if ("reference.conf".equals(origin.resource())) {
      return path + " (default)";
    }
    return path + " (from " + origin.description() + ")";
  }

  InvalidConfigException invalid(String path, String problem) {
    return new InvalidConfigException("invalid setting " + describe(path) + ": " + problem);
  }

  /** A value quoted for a message, shortened, and hidden for secrets. */
  static String quote(String path, String text) {
    if (Sections.isSecret(path)) {
      return "a value of " + text.length() + " characters";
    }
    return "'" + (text.length() > 100 ? text.substring(0, 100) + "..." : text) + "'";
  }

  // ---- typed reads

  boolean bool(String path) {
    String text = scalar(path, "true or false");
    return ValueSyntax.parseBoolean(text)
        .orElseThrow(() -> invalid(path, "expected true or false, got " + quote(path, text)));
  }

  long integer(String path, long min, long max) {
    String text = scalar(path, "an integer");
    long value = ValueSyntax.parseLong(text)
        .orElseThrow(() -> invalid(path, "expected an integer, got " + quote(path, text)));
    if (value < min || value > max) {
      throw invalid(path, "expected an integer between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  int intValue(String path, int min, int max) {
    return (int) integer(path, min, max);
  }

  /** A TCP port; {@code 0} allowed only where {@code min} is 0 (bind any free port). */
  int port(String path, int min) {
    return intValue(path, min, 65535);
  }

  Duration duration(String path, Duration min) {
    String text = scalar(path, "a duration like 250ms");
    ConfigValue v = config.getValue(path);
    Duration d = v.valueType() == ConfigValueType.STRING
        ? ValueSyntax.parseDuration(text).orElse(null) : null;
    if (d == null) {
      throw invalid(path, "expected a duration like 250ms, got " + quote(path, text));
    }
    if (d.compareTo(min) < 0) {
      throw invalid(path, "must be at least " + ValueSyntax.format(min) + ", got " + text.trim());
    }
    return d;
  }

  long byteSize(String path, long min, long max) {
    String text = scalar(path, "a size like 15MB");
    long bytes = ValueSyntax.parseByteSize(text)
        .orElseThrow(() -> invalid(path, "expected a size like 15MB, got " + quote(path, text)));
    if (bytes < min || bytes > max) {
      throw invalid(path, "expected a size between " + min + " and " + max + " bytes, got " + bytes);
    }
    return bytes;
  }

  String string(String path) {
    String text = scalar(path, "a string").trim();
    if (text.isEmpty()) {
      throw invalid(path, "must not be empty");
    }
    return text;
  }

  /** Absent, null and blank all mean "not set". */
  Optional<String> optionalString(String path) {
    read.add(path);
    if (!config.hasPath(path)) {
      return Optional.empty();
    }
    String text = scalar(path, "a string").trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  <E extends Enum<E>> E choice(String path, Class<E> type) {
    String text = scalar(path, "a name");
    String wanted = text.trim().toUpperCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(wanted)) {
        return e;
      }
    }
    String names = Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    throw invalid(path, "expected one of " + names + ", got " + quote(path, text));
  }

  /** A list, or a string of comma-separated items; items are trimmed and empty ones dropped. */
  List<String> stringList(String path) {
    ConfigValue v = required(path);
    List<String> items = new ArrayList<>();
    if (v.valueType() == ConfigValueType.LIST) {
      for (ConfigValue item : config.getList(path)) {
        if (item.valueType() == ConfigValueType.LIST || item.valueType() == ConfigValueType.OBJECT
            || item.valueType() == ConfigValueType.NULL) {
          throw invalid(path, "expected a list of strings, got an element of type "
              + item.valueType().name().toLowerCase(Locale.ROOT));
        }
        items.add(String.valueOf(item.unwrapped()).trim());
      }
    } else {
      items.addAll(Arrays.asList(scalar(path, "a list or comma-separated items").split(",", -1)));
    }
    return items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Each item parsed by {@code parser}; its IllegalArgumentException becomes a named error. */
  <T> List<T> list(String path, Function<String, T> parser) {
    List<String> items = stringList(path);
    List<T> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        out.add(parser.apply(items.get(i)));
      } catch (IllegalArgumentException e) {
        throw invalid(path, "item " + (i + 1) + ": " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  HostPort hostPort(String path, int minPort) {
    String text = string(path);
    HostPort hp;
    try {
      hp = HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid(path, "expected host:port like 0.0.0.0:3050, got " + quote(path, text));
    }
    if (hp.port() < minPort) {
      throw invalid(path, "port must be between " + minPort + " and 65535, got " + hp.port());
    }
    return hp;
  }

  /** A host name or IP literal (no port). */
  String host(String path) {
    String text = string(path);
    String probe = text.indexOf(':') >= 0 ? "[" + text + "]:1" : text + ":1";
    try {
      return HostPort.parse(probe).host();
    } catch (IllegalArgumentException e) {
      throw invalid(path, "expected a host name or IP address, got " + quote(path, text));
    }
  }

  URI url(String path) {
    return parseUrl(path, string(path));
  }

  Optional<URI> optionalUrl(String path) {
    return optionalString(path).map(text -> parseUrl(path, text));
  }

  /**
   * Comma-separated http(s) URLs (or a list); empty when unset. For endpoints tried in order
   * (general.main_node_rpc_url).
   */
  List<URI> optionalHttpUrls(String path) {
    Optional<String> text = optionalString(path);
    if (text.isEmpty()) {
      return List.of();
    }
    List<URI> out = new ArrayList<>();
    for (String item : text.get().split(",")) {
      String t = item.trim();
      if (t.isEmpty()) {
        continue;
      }
      URI uri = parseUrl(path, t);
      if (!List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
        throw invalid(path, "expected http(s) URLs, got " + quote(path, t));
      }
      out.add(uri);
    }
    return List.copyOf(out);
  }

  Path path(String path) {
    String text = string(path);
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw invalid(path, "not a valid path: " + e.getMessage());
    }
  }

  /** The settings read so far. */
  Set<String> readPaths() {
    return Set.copyOf(read);
  }

  // ---- shape and unknown settings

  /** Each known section, when present, must be a section (read before anything else). */
  void checkSectionShapes() {
    for (String section : Sections.ALL) {
      ConfigValue v = config.root().get(section);
      if (v != null && v.valueType() != ConfigValueType.OBJECT) {
        String origin = v.origin() == null ? "" : " (from " + v.origin().description() + ")";
        throw new InvalidConfigException("invalid setting " + section + origin
            + ": expected a section of settings, got a "
            + v.valueType().name().toLowerCase(Locale.ROOT));
      }
    }
  }


  /**
   * Fails on settings of known sections that no reader asked for; returns the top-level keys of
   * unknown sections (only files can have them: the environment layer drops foreign variables).
   */
  Set<String> checkNothingUnknown() {
    List<String> unknown = new ArrayList<>();
    Set<String> foreignSections = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      String section = ConfigUtil.splitPath(e.getKey()).get(0);
      if (!Sections.isKnown(section)) {
        foreignSections.add(section);
      } else if (!read.contains(e.getKey())) {
        unknown.add("unknown setting " + describe(e.getKey()));
      }
    }
    if (!unknown.isEmpty()) {
      unknown.sort(null);
      throw new InvalidConfigException(String.join("; ", unknown));
    }
    return foreignSections;
  }

  // ---- helpers

  private ConfigValue required(String path) {
    read.add(path);
    if (!config.hasPath(path)) {
      throw invalid(path, "a value is required");
    }
    return config.getValue(path);
  }

  /** The text of a string, number or boolean; lists and sections are errors. */
  private String scalar(String path, String expected) {
    ConfigValue v = required(path);
    return switch (v.valueType()) {
      case STRING, NUMBER, BOOLEAN -> config.getString(path);
      default -> throw invalid(path, "expected " + expected + ", got a "
          + (v.valueType() == ConfigValueType.OBJECT ? "section" : "list"));
    };
  }

  private URI parseUrl(String path, String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (List.of("http", "https", "ws", "wss").contains(scheme) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw invalid(path, "expected an http(s) or ws(s) URL like http://localhost:8545, got "
        + quote(path, text));
  }
}
