package dev.raftseq.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the node's configuration: {@code reference.conf} defaults, then each {@code --config}
 * file in order (YAML, HOCON or JSON), then the environment. Without {@code --config} it reads
 * {@code local-chains/local_dev.yaml} and {@code local-chains/v30.2/default/config.yaml} from the
 * working directory when they exist, as zksync-os-server does. The result is checked as a whole
 * before anything starts.
 *
 * <pre>{@code
 * NodeConfig cfg = ConfigLoader.load(args, System.getenv()); // throws InvalidConfigException
 * }</pre>
 */
public final class ConfigLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

  /** Read, when present, if no --config is given (relative to the working directory). */
  public static final List<Path> DEFAULT_FILES = List.of(
      Path.of("local-chains", "local_dev.yaml"),
      Path.of("local-chains", "v30.2", "default", "config.yaml"));

  /** Another name for a setting, rewritten within each layer so later layers still win. */
  private static final Map<String, String> ALIASES =
      Map.of("l1_provider.rpc_url", "general.l1_rpc_url");

  private final Path workingDir;

  public ConfigLoader(Path workingDir) {
    this.workingDir = workingDir;
  }

  /**
   * Loads from the process's arguments and environment, relative to the current directory.
   *
   * @throws InvalidConfigException with a message for the operator
   */
  public static NodeConfig load(String[] args, Map<String, String> env) {
    return new ConfigLoader(Path.of("").toAbsolutePath()).load(CommandLine.parse(args), env);
  }

  /** @throws InvalidConfigException with a message for the operator */
  public NodeConfig load(CommandLine commandLine, Map<String, String> env) {
    List<Path> files = new ArrayList<>();
    if (commandLine.configFiles().isEmpty()) {
      for (Path f : DEFAULT_FILES) {
        if (Files.isRegularFile(workingDir.resolve(f))) {
          files.add(f);
        }
      }
      if (files.isEmpty()) {
        LOG.info("no --config given and no {} in {}: using built-in defaults", DEFAULT_FILES,
            workingDir);
      }
    } else {
      files.addAll(commandLine.configFiles());
    }

    Map<String, String> variableOf = new HashMap<>();
    Config merged = withAliases(defaults(), variableOf);
    for (Path f : files) {
      LOG.info("reading configuration file {}", f);
      merged = withAliases(ConfigFiles.read(workingDir.resolve(f)), variableOf).withFallback(merged);
    }
    EnvironmentLayer env0 = EnvironmentLayer.of(env);
    variableOf.putAll(env0.variableOf());
    Config envLayer = withAliases(env0.config(), variableOf);
    if (!env0.variableOf().isEmpty()) {
      LOG.info("environment sets {}", env0.variableOf().values().stream().sorted().toList());
    }
    merged = envLayer.withFallback(merged);
    try {
      merged = merged.resolve(ConfigResolveOptions.noSystem());
    } catch (ConfigException e) {
      throw new InvalidConfigException("invalid configuration: " + e.getMessage(), e);
    }
    return read(merged, variableOf);
  }

  static NodeConfig read(Config merged, Map<String, String> variableOf) {
    SettingReader reader = new SettingReader(merged, variableOf);
    reader.checkSectionShapes();
    NodeConfig config = NodeConfig.read(reader);
    Set<String> foreign = reader.checkNothingUnknown();
    if (!foreign.isEmpty()) {
      LOG.warn("ignoring configuration sections this node does not have: {}", foreign);
    }
    ConfigRules.check(config, reader);
    return config;
  }

  private static Config defaults() {
    return Defaults.CONFIG;
  }

  /** reference.conf as parsed, comments kept in each value's origin (for {@link SettingsHelp}). */
  static Config defaultsWithComments() {
    return Defaults.CONFIG;
  }

  /** Every setting the section readers read: the one list of settings the node knows. */
  static java.util.Set<String> knownSettings() {
    SettingReader reader = new SettingReader(Defaults.CONFIG, Map.of());
    NodeConfig.read(reader);
    return reader.readPaths();
  }

  /** Parsed once (Config is immutable). */
  private static final class Defaults {
    static final Config CONFIG = parse();

    private static Config parse() {
      Config c = ConfigFactory.parseResources(ConfigLoader.class, "/reference.conf");
      if (c.isEmpty()) {
        throw new IllegalStateException("reference.conf is missing from the classpath");
      }
      return c;
    }
  }

  /**
   * Moves alias paths to their canonical path within one layer; setting both in one layer to
   * different values is an error. The variable that set an alias keeps naming it in messages.
   */
  private static Config withAliases(Config layer, Map<String, String> variableOf) {
    for (Map.Entry<String, String> a : ALIASES.entrySet()) {
      String alias = a.getKey();
      String canonical = a.getValue();
      if (!layer.hasPath(alias)) {
        continue;
      }
      ConfigValue value = layer.getValue(alias);
      if (layer.hasPath(canonical)
          && !layer.getValue(canonical).unwrapped().equals(value.unwrapped())) {
        throw new InvalidConfigException("invalid setting " + canonical + ": both " + canonical
            + " and " + alias + " are set (from " + value.origin().description()
            + "), with different values");
      }
      String variable = variableOf.remove(alias);
      if (variable != null) {
        variableOf.put(canonical, variable);
      }
      layer = layer.withoutPath(alias).withValue(canonical, value);
    }
    return layer;
  }
}
