package dev.raftseq.node.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The environment as a configuration layer. {@code SECTION_FIELD} (any case) sets
 * {@code section.field}; a {@code __JSON} suffix parses the value as JSON; other values stay strings
 * and are typed when read. Variables of unknown sections are someone else's and are ignored.
 *
 * @param config the layer
 * @param variableOf for each path set here, the variable that set it (for messages)
 */
record EnvironmentLayer(Config config, Map<String, String> variableOf) {
  private static final String JSON_SUFFIX = "__json";
  private static final JsonFactory JSON = new JsonFactory();

  static EnvironmentLayer of(Map<String, String> env) {
    Config config = ConfigFactory.empty("environment");
    Map<String, String> variableOf = new HashMap<>();
    Map<String, String> rawOf = new HashMap<>();
    // sorted so that the layer, and any conflict message, does not depend on map order
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String name = e.getKey();
      String lower = name.toLowerCase(Locale.ROOT);
      boolean json = lower.endsWith(JSON_SUFFIX);
      String base = json ? lower.substring(0, lower.length() - JSON_SUFFIX.length()) : lower;
      var section = Sections.ofVariable(base);
      if (section.isEmpty()) {
        continue;
      }
      String field = base.substring(section.get().length() + 1);
      String path = ConfigUtil.joinPath(section.get(), field);
      String raw = (json ? "json:" : "text:") + e.getValue();
      String earlier = variableOf.get(path);
      if (earlier != null) {
        if (Objects.equals(rawOf.get(path), raw)) {
          continue;
        }
        throw new InvalidConfigException("invalid setting " + path + ": both " + earlier + " and "
            + name + " are set, with different values");
      }
      Object value = json ? parseJson(name, path, e.getValue()) : e.getValue();
      config = config.withValue(path, ConfigValueFactory.fromAnyRef(value, "environment variable " + name));
      variableOf.put(path, name);
      rawOf.put(path, raw);
    }
    return new EnvironmentLayer(config, Map.copyOf(variableOf));
  }

  private static Object parseJson(String name, String path, String text) {
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() == null) {
        throw new IllegalArgumentException("empty value");
      }
      Object value = PlainTree.read(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("unexpected text after the JSON value");
      }
      return value;
    } catch (IOException | IllegalArgumentException ex) {
      String detail = Sections.isSecret(path) ? "could not parse it" : firstLine(ex.getMessage());
      throw new InvalidConfigException(
          "invalid setting " + name + " (" + path + "): expected JSON, " + detail, ex);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "could not parse it";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
