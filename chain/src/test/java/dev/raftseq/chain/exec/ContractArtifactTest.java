package dev.raftseq.chain.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The committed contract artifacts are what the pinned solc (installed from npm by the script)
 * makes of the committed sources: {@code scripts/compile-l2-contracts.sh --check} rebuilds them in
 * memory and fails on any difference.
 */
class ContractArtifactTest {
  @Test
  void committedArtifactsMatchAFreshCompilation() throws IOException, InterruptedException {
    Path script = Path.of("..", "scripts", "compile-l2-contracts.sh").toAbsolutePath().normalize();
    Process p = new ProcessBuilder("bash", script.toString(), "--check").redirectErrorStream(true).start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done).as("compile finished in time: %s", out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("artifact matches:").contains("RaftseqToken.json");
  }
}
