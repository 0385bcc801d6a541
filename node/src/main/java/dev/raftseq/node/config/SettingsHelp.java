package dev.raftseq.node.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --help}: every setting with its environment variable, default and meaning, read from
 * {@code reference.conf} (the comment right above a setting is its meaning), so the help cannot drift
 * from the defaults. {@code SettingsHelpTest} checks that every setting the loader reads is here.
 */
public final class SettingsHelp {
  /** One documented setting. */
  public record Setting(String path, String variable, String defaultValue, String meaning) {}

  /** A section's settings and its own comment. */
  public record Section(String name, String meaning, List<Setting> settings) {}

  private SettingsHelp() {}

  /** The sections of reference.conf in {@link Sections#ALL} order, settings in file order. */
  public static List<Section> sections() {
    ConfigObject root = ConfigLoader.defaultsWithComments().root();
    List<Section> out = new ArrayList<>();
    for (String name : Sections.ALL) {
      ConfigValue v = root.get(name);
      if (!(v instanceof ConfigObject section)) {
        continue;
      }
      List<Map.Entry<String, ConfigValue>> fields = new ArrayList<>(section.entrySet());
      fields.sort(Comparator.comparingInt(e -> e.getValue().origin().lineNumber()));
      List<Setting> settings = new ArrayList<>();
      for (Map.Entry<String, ConfigValue> f : fields) {
        String path = name + "." + f.getKey();
        settings.add(new Setting(path, variable(path), render(f.getValue()), comment(f.getValue())));
      }
      out.add(new Section(name, comment(v), List.copyOf(settings)));
    }
    return List.copyOf(out);
  }

  /** The environment variable of a setting: {@code status_server.admin_token} -> {@code STATUS_SERVER_ADMIN_TOKEN}. */
  public static String variable(String path) {
    return path.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** The text {@code --help} prints. */
  public static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("usage: java -jar node.jar [--config FILE]... | --help\n\n")
        .append("Settings come from built-in defaults, then each --config file (YAML, HOCON or JSON) in order,\n")
        .append("then environment variables (SECTION_FIELD, any case; a __JSON suffix parses the value as JSON).\n")
        .append("Durations need a unit (250ms, 1s, 2m); sizes like 15MB; addresses host:port (port 0: any free).\n");
    for (Section s : sections()) {
      sb.append("\n[").append(s.name()).append("]");
      if (!s.meaning().isEmpty()) {
        sb.append("  ").append(s.meaning().replace("\n", " "));
      }
      sb.append('\n');
      for (Setting st : s.settings()) {
        sb.append("  ").append(st.variable()).append("  (").append(st.path()).append(")  default: ")
            .append(st.defaultValue()).append('\n');
        for (String line : st.meaning().split("\n")) {
          sb.append("      ").append(line).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static String comment(ConfigValue v) {
    return v.origin().comments().stream().map(String::trim).collect(Collectors.joining("\n"));
  }

  private static String render(ConfigValue v) {
    if (v.valueType() == ConfigValueType.NULL) {
      return "none";
    }
    if (v.valueType() == ConfigValueType.STRING) {
      String s = (String) v.unwrapped();
      return s.isEmpty() ? "\"\"" : s;
    }
    return v.render(com.typesafe.config.ConfigRenderOptions.concise());
  }
}
