package dev.raftseq.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftseq.bench.loadgen.LatencySummary;
import dev.raftseq.bench.loadgen.LoadGenResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadGenComparisonTest {
  @TempDir Path tmp;

  @Test
  void tabulatesRatiosOursOverAnvilFromResultFiles() throws Exception {
    Path ours = tmp.resolve("ours.jsonl");
    Path anvil = tmp.resolve("anvil.jsonl");
    LoadGen.appendJsonLine(ours, result("stale", 100, 10.0, 50));  // only the last line counts
    LoadGen.appendJsonLine(ours, result("ours", 150, 20.0, 400));
    LoadGen.appendJsonLine(anvil, result("anvil", 200, 5.0, 200));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = LoadGenComparison.run(new String[] {"--ours", ours.toString(), "--anvil", anvil.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    String table = out.toString(StandardCharsets.UTF_8);

    assertThat(code).isZero();
    assertThat(table).containsPattern("included tx/s +150\\.0 +200\\.0 +0\\.75");
    assertThat(table).containsPattern("submit->ack p50 ms +20\\.00 +5\\.00 +4\\.00");
    assertThat(table).containsPattern("submit->inclusion max ms +400\\.00 +200\\.00 +2\\.00");
    assertThat(table).containsPattern("errors +0 +0 +-"); // no ratio against zero
    assertThat(table).doesNotContain("WARNING");
  }

  @Test
  void anvilAloneAndMismatchedRuns() {
    LoadGenResult anvil = result("anvil", 200, 5.0, 200);
    String alone = LoadGenComparison.render(Optional.empty(), anvil);
    assertThat(alone).containsPattern("included tx/s +200\\.0\n").doesNotContain("ours");

    LoadGenResult other = new LoadGenResult("ours", "t", List.of("http://127.0.0.1:2"), 270, "legacy", 200, 10, 20, 0,
        2000, 2000, 2000, 2000, 0, 0, Map.of(), Map.of(), 200, 200, 10, lat(1), lat(1), lat(1), 1, 1, 1);
    assertThat(LoadGenComparison.render(Optional.of(other), anvil)).contains("WARNING: the two runs used different");
  }

  @Test
  void explainsBadArguments() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(LoadGenComparison.run(new String[] {"--ours", "x"}, System.out, e)).isEqualTo(2);
    assertThat(LoadGenComparison.run(new String[] {"--anvil"}, System.out, e)).isEqualTo(2);
    Path empty = Files.createFile(tmp.resolve("empty.jsonl"));
    assertThat(LoadGenComparison.run(new String[] {"--anvil", empty.toString()}, System.out, e)).isEqualTo(3);
    assertThat(LoadGenComparison.run(new String[] {"--anvil", tmp.resolve("missing").toString()}, System.out, e))
        .isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: LoadGenComparison").contains("holds no result line");
  }

  private static LoadGenResult result(String label, double includedTps, double ackP50, double inclMax) {
    return new LoadGenResult(label, "2026-01-01T00:00:00Z", List.of("http://127.0.0.1:1"), 31337, "1559", 200, 10, 20,
        0, 2000, 2000, 2000, 2000, 0, 0, Map.of(), Map.of(), 200, includedTps, 10.5,
        new LatencySummary(2000, ackP50, ackP50, ackP50, ackP50), new LatencySummary(2000, 1, 1, 1, inclMax), lat(0.1),
        40, 40, 60);
  }

  private static LatencySummary lat(double ms) {
    return new LatencySummary(1, ms, ms, ms, ms);
  }
}
