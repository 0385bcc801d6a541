package dev.raftseq.batcher.l1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.batcher.testing.Anvil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed ABI and bytecode (local-chains/contracts/build/) are what the pinned solc makes of
 * the committed source: recompiled here with scripts/compile-contracts.sh into a temporary directory
 * and compared byte for byte.
 */
class ContractArtifactsTest {
  @TempDir Path tmp;

  @Test
  void committedArtifactsMatchTheSource() throws Exception {
    Path root = Anvil.repoRoot();
    Path out = tmp.resolve("build");
    Path log = tmp.resolve("compile.log");
    Process p = new ProcessBuilder("bash", root.resolve("scripts/compile-contracts.sh").toString(), "--out", out.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("compile finished").isTrue();
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    Path committed = root.resolve("local-chains/contracts/build");
    try (var files = Files.list(committed)) {
      var names = files.map(f -> f.getFileName().toString()).sorted().toList();
      assertThat(names).containsExactly("BatchSettlement.abi.json", "BatchSettlement.bin");
      try (var fresh = Files.list(out)) {
        assertThat(fresh.map(f -> f.getFileName().toString()).sorted().toList()).isEqualTo(names);
      }
      for (String n : names) {
        assertThat(Files.readString(out.resolve(n))).as(n + " is stale: run scripts/compile-contracts.sh")
            .isEqualTo(Files.readString(committed.resolve(n)));
      }
    }
  }
}
