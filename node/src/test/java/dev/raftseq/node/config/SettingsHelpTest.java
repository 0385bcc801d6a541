package dev.raftseq.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** --help is generated from reference.conf; it must list every setting the loader knows, each explained. */
class SettingsHelpTest {

  @Test
  void everySettingTheLoaderReadsIsListedWithItsVariableDefaultAndMeaning() {
    Map<String, SettingsHelp.Setting> listed = SettingsHelp.sections().stream()
        .flatMap(s -> s.settings().stream())
        .collect(Collectors.toMap(SettingsHelp.Setting::path, Function.identity()));
    assertThat(ConfigLoader.knownSettings()).hasSizeGreaterThan(50);
    assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(ConfigLoader.knownSettings());
    String help = SettingsHelp.render();
    for (SettingsHelp.Setting s : listed.values()) {
      assertThat(s.meaning()).as("the meaning of %s (a comment right above it in reference.conf)", s.path())
          .isNotBlank();
      assertThat(s.variable()).isEqualTo(s.path().replace('.', '_').toUpperCase(java.util.Locale.ROOT));
      assertThat(help).contains(s.variable() + "  (" + s.path() + ")  default: " + s.defaultValue());
    }
  }

  @Test
  void defaultsAndOptionalSettingsReadAsAnOperatorExpects() {
    Map<String, String> defaults = SettingsHelp.sections().stream().flatMap(s -> s.settings().stream())
        .collect(Collectors.toMap(SettingsHelp.Setting::variable, SettingsHelp.Setting::defaultValue));
    assertThat(defaults).containsEntry("OBSERVABILITY_PROMETHEUS_PORT", "3312")
        .containsEntry("SEQUENCER_BLOCK_TIME", "250ms")
        .containsEntry("STATUS_SERVER_ADMIN_TOKEN", "none")
        .containsEntry("NETWORK_SECRET_KEY", "none")
        .containsEntry("NETWORK_BOOT_NODES", "[]")
        .containsEntry("RPC_ADDRESS", "0.0.0.0:3050");
    assertThat(SettingsHelp.sections()).extracting(SettingsHelp.Section::name).containsExactlyElementsOf(
        List.of("general", "network", "consensus", "sequencer", "rpc", "status_server", "observability", "batcher",
            "prover_api", "l1_provider", "l1_sender", "mempool"));
  }
}
