package dev.raftseq.node.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Reads one configuration file by its extension: HOCON (.conf), JSON (.json), YAML (.yaml/.yml). */
final class ConfigFiles {
  private static final YAMLFactory YAML = new YAMLFactory();

  private ConfigFiles() {}

  static Config read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException("config file not found: " + file);
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        return readYaml(file);
      }
      if (name.endsWith(".conf")) {
        return parse(file, ConfigSyntax.CONF);
      }
      if (name.endsWith(".json")) {
        return parse(file, ConfigSyntax.JSON);
      }
    } catch (ConfigException | IOException | IllegalArgumentException e) {
      throw new InvalidConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    throw new InvalidConfigException(
        "config file " + file + " has an unknown type; use .yaml, .yml, .conf (HOCON) or .json");
  }

  private static Config parse(Path file, ConfigSyntax syntax) {
    return ConfigFactory.parseFile(file.toFile(),
        ConfigParseOptions.defaults().setSyntax(syntax).setAllowMissing(false));
  }

  private static Config readYaml(Path file) throws IOException {
    try (JsonParser p = YAML.createParser(file.toFile())) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return ConfigFactory.empty(file.toString());
      }
      Object root = PlainTree.read(p);
      if (!(root instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("expected a mapping of sections at the top level");
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("expected one YAML document, found more");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> sections = (Map<String, Object>) map;
      // "network:" with every line below commented out is an empty section, not a null one
      sections.values().removeIf(Objects::isNull);
      return ConfigValueFactory.fromMap(sections, file.toString()).toConfig();
    }
  }
}
