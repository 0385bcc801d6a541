package dev.raftseq.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoadGen against the real reference node: anvil from {@code scripts/install-tools.sh}, on a free
 * loopback port with 250 ms blocks. Proves our envelopes, nonces and block watching work against a
 * production client, not only against {@link FakeNode}.
 */
class AnvilLoadGenIT {
  private static final Pattern LISTENING = Pattern.compile("Listening on (127\\.0\\.0\\.1:\\d+)");

  @TempDir static Path tmp;
  private static Process anvil;
  private static String url;

  @BeforeAll
  static void startAnvil() throws Exception {
    Path root = repoRoot();
    Process install = new ProcessBuilder("bash", root.resolve("scripts/install-tools.sh").toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("install.log").toFile()).start();
    assertThat(install.waitFor(5, TimeUnit.MINUTES)).as("install-tools.sh finished").isTrue();
    assertThat(install.exitValue()).as(Files.readString(tmp.resolve("install.log"))).isZero();

    Path log = tmp.resolve("anvil.log");
    anvil = new ProcessBuilder(root.resolve(".tools/bin/anvil").toString(), "--host", "127.0.0.1", "--port", "0",
        "--block-time", "0.25", "--accounts", "6")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (url == null && System.nanoTime() < deadline && anvil.isAlive()) {
      Matcher m = LISTENING.matcher(Files.readString(log));
      if (m.find()) {
        url = "http://" + m.group(1);
      } else {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
    }
    assertThat(url).as("anvil listening; log: %s", Files.readString(log)).isNotNull();
  }

  @AfterAll
  static void stopAnvil() throws InterruptedException {
    if (anvil != null) {
      anvil.destroy();
      if (!anvil.waitFor(10, TimeUnit.SECONDS)) {
        anvil.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void everyTransferOfBothTypesIsIncluded() {
    for (String type : new String[] {"1559", "legacy"}) {
      LoadGenOptions o = LoadGenOptions.parse("--rpc", url, "--rate", "50", "--duration", "2", "--accounts", "4",
          "--first-account", "2", "--type", type, "--drain-timeout", "60", "--poll-ms", "10");
      LoadGenResult r;
      try (JsonRpcClient rpc = new JsonRpcClient(o.requestTimeout())) {
        r = new LoadRun(o, rpc, Ticker.system(), Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream())).run();
      }
      assertThat(r.errorsByMessage()).as(type).isEmpty();
      assertThat(r.chainId()).isEqualTo(31337);
      assertThat(r.sent()).as(type).isEqualTo(100);
      assertThat(r.acked()).as(type).isEqualTo(100);
      assertThat(r.included()).as(type).isEqualTo(100);
      assertThat(r.watcherErrors()).as(type).isEmpty();
      assertThat(r.ackLatency().count()).as(type).isEqualTo(100);
      assertThat(r.inclusionLatency().count()).as(type).isEqualTo(100);
      // 2 s of sends under 250 ms interval mining cannot all land in one block
      assertThat(r.blocksWithOurTxs()).as(type).isGreaterThan(1);
    }
  }

  private static Path repoRoot() throws IOException {
    String prop = System.getProperty("raftseq.repo.root");
    Path root = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent();
    if (!Files.isRegularFile(root.resolve("scripts/install-tools.sh"))) {
      throw new IOException("cannot find scripts/install-tools.sh under " + root
          + "; set -Draftseq.repo.root to the repository root");
    }
    return root;
  }
}
