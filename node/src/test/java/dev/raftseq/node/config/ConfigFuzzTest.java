package dev.raftseq.node.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fuzzes the configuration an operator hands a node: any environment value of any setting (plain,
 * {@code __JSON}, lower case), alone or over seed 002's consensus node, and any configuration file
 * (YAML, JSON, HOCON). The only acceptable refusal is an {@link InvalidConfigException}, whose
 * message names the setting; any other exception escaping is a bug.
 *
 * <p>Input layout ({@code byte[]}, so seeds are plain files): byte 0 picks the setting, byte 1 the
 * form (bit 0: {@code __JSON}, bit 1: lower case, bit 2: over the seed's node), the rest is the
 * value. For files, byte 0 picks the format and the rest is the file. Seeds:
 * {@code src/test/resources/dev/raftseq/node/config/ConfigFuzzTestInputs/<method>/}. To fuzz:
 * {@code ./system-tests/fuzz.sh --only ConfigFuzzTest}.
 */
class ConfigFuzzTest {
  /** Every setting of reference.conf as its variable, plus the optional ones and a stranger. */
  static final List<String> VARIABLES = variables();
  private static final Path DIR = tempDir();

  static {
    // the loader logs what it read at INFO: a line per execution would slow fuzzing to a crawl
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.raftseq.node.config"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
  }

  @FuzzTest(maxDuration = "5m")
  void environmentValue(byte[] input) {
    if (input.length < 2) {
      return;
    }
    String name = VARIABLES.get((input[0] & 0xff) % VARIABLES.size());
    int form = input[1];
    if ((form & 1) != 0) {
      name = name + "__JSON";
    }
    if ((form & 2) != 0) {
      name = name.toLowerCase(Locale.ROOT);
    }
    String value = new String(Arrays.copyOfRange(input, 2, input.length), StandardCharsets.UTF_8);
    Map<String, String> env = (form & 4) != 0 ? SeedEnv.consensusNode1() : new HashMap<>();
    env.put(name, value);
    load(env);
  }

  @FuzzTest(maxDuration = "5m")
  void configFile(byte[] input) {
    if (input.length < 1) {
      return;
    }
    String ext = switch ((input[0] & 0xff) % 3) {
      case 0 -> ".yaml";
      case 1 -> ".json";
      default -> ".conf";
    };
    Path file = DIR.resolve("fuzz" + ext);
    try {
      Files.write(file, Arrays.copyOfRange(input, 1, input.length));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      new ConfigLoader(DIR).load(CommandLine.parse("--config", file.toString()), Map.of());
    } catch (InvalidConfigException refused) {
      // a broken file is refused with a message naming the problem
    }
  }

  private static void load(Map<String, String> env) {
    try {
      new ConfigLoader(DIR).load(CommandLine.parse(), env);
    } catch (InvalidConfigException refused) {
      // refusing is fine; anything else escaping is a bug
    }
  }

  private static List<String> variables() {
    List<String> names = new ArrayList<>();
    ConfigFactory.parseResources("reference.conf").entrySet().forEach(e ->
        names.add(e.getKey().replace('.', '_').toUpperCase(Locale.ROOT)));
    names.addAll(List.of("NETWORK_SECRET_KEY", "NETWORK_SECRET_KEY_FILE", "GENERAL_MAIN_NODE_RPC_URL",
        "L1_PROVIDER_RPC_URL", "RPC_UNKNOWN_FIELD"));
    names.sort(null);
    return List.copyOf(names);
  }

  private static Path tempDir() {
    try {
      Path d = Files.createTempDirectory("config-fuzz");
      d.toFile().deleteOnExit();
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
