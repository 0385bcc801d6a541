package dev.raftseq.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever an operator types, the node gets a configuration or a named error, never a crash. */
class ConfigRobustnessTest {
  /** Every setting name as an environment variable, from the defaults plus the optional ones. */
  private static final List<String> VARIABLES = variables();

  private static List<String> variables() {
    List<String> names = new ArrayList<>();
    ConfigFactory.parseResources(ConfigLoader.class, "/reference.conf").entrySet()
        .forEach(e -> names.add(e.getKey().replace('.', '_').toUpperCase()));
    names.addAll(List.of("NETWORK_SECRET_KEY", "GENERAL_MAIN_NODE_RPC_URL", "L1_PROVIDER_RPC_URL"));
    return List.copyOf(names);
  }

  @Provide
  Arbitrary<String> variable() {
    return Arbitraries.of(VARIABLES);
  }

  @Provide
  Arbitrary<String> value() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("0123456789abcdefxX:/.[]{},\"msMBKG@ -").ofMaxLength(40),
        Arbitraries.of("true", "false", "0", "-1", "65536", "250ms", "15MB", "[]", "[1]", "{}",
            "null", "\"\"", "0x", SeedEnv.ENODE_1, SeedEnv.PEER_IDS_JSON, SeedEnv.KEY_1));
  }

  @Property(tries = 150)
  void anyValueOfAnySettingGivesAConfigOrANamedError(
      @ForAll("variable") String variable, @ForAll("value") String value, @ForAll boolean json) {
    String name = json ? variable + "__JSON" : variable;
    Throwable t = catchThrowable(() -> new ConfigLoader(Path.of("/nonexistent-config-dir"))
        .load(CommandLine.parse(), Map.of(name, value)));

    if (t != null) {
      assertThat(t).isInstanceOf(InvalidConfigException.class);
      assertThat(t.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 100)
  void anyYamlFileGivesAConfigOrANamedError(@ForAll("yaml") String text) throws IOException {
    Path dir = Files.createTempDirectory("config-robustness");
    try {
      Path f = dir.resolve("c.yaml");
      Files.writeString(f, text);
      Throwable t = catchThrowable(() -> new ConfigLoader(dir).load(CommandLine.parse("--config", "c.yaml"), Map.of()));
      if (t != null) {
        assertThat(t).isInstanceOf(InvalidConfigException.class);
        assertThat(t.getMessage()).isNotBlank();
      }
    } finally {
      Files.deleteIfExists(dir.resolve("c.yaml"));
      Files.deleteIfExists(dir);
    }
  }

  @Provide
  Arbitrary<String> yaml() {
    Arbitrary<String> line = Arbitraries.oneOf(
        Arbitraries.of("sequencer:", "network:", "rpc:", "- a", "---", "&a x", "*a", "!!binary x",
            "l1_watcher:", "? complex", "{a: 1}", "[1, 2]"),
        Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz_0123456789:-[]{}&*!|>'\" #\t")
            .ofMaxLength(30)
            .map(s -> "  " + s),
        Arbitraries.of("  block_time: 1s", "  port: 99999", "  enabled: yes", "  secret_key: 0x01",
            "  boot_nodes: [a, b]", "  max_request_size: 15"));
    return line.list().ofMaxSize(8).map(lines -> String.join("\n", lines));
  }

  @Property(tries = 500)
  void addressParsersThrowOnlyIllegalArgument(@ForAll("value") String text) {
    for (Runnable parse : List.<Runnable>of(() -> Enode.parse(text), () -> HostPort.parse(text),
        () -> ValueSyntax.parseDuration(text), () -> ValueSyntax.parseByteSize(text),
        () -> ValueSyntax.parseLong(text), () -> ValueSyntax.parseBoolean(text))) {
      Throwable t = catchThrowable(parse::run);
      if (t != null) {
        assertThat(t).isInstanceOf(IllegalArgumentException.class);
      }
    }
  }
}
