package dev.raftseq.chain.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ethereum's GeneralStateTests, Cancun post states, through the chain's transaction processing
 * and trie ({@link StateTestRunner}). By default a representative subset: from every folder its
 * first file and the one in the middle (sorted by name), leaving out the folders that exist to
 * take time (stTimeConsuming, vmPerformance, stQuadraticComplexityTest). With
 * {@code -Pconformance} (system property {@code conformance.full=true}) every file. Every case
 * must pass; the report goes to the test's output.
 */
class GeneralStateTestsTest {
  private static final List<String> SLOW_FOLDERS = List.of("stTimeConsuming", "vmPerformance", "stQuadraticComplexityTest");

  @Test
  void cancunPostStatesMatch() throws IOException {
    String base = System.getProperty("ethereum.tests.dir");
    assertThat(base).as("system property ethereum.tests.dir").isNotNull();
    Path dir = Path.of(base, "GeneralStateTests");
    boolean full = Boolean.getBoolean("conformance.full");
    List<Path> all;
    try (Stream<Path> s = Files.walk(dir)) {
      all = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    List<Path> files = full ? all : subset(dir, all);

    ConformanceMain.Summary summary = ConformanceMain.run(dir, files, System.out);

    assertThat(summary.failures()).as("failing cases").isEmpty();
    assertThat(summary.perFolder().size()).as("folders covered").isGreaterThanOrEqualTo(full ? 60 : 55);
    assertThat(summary.passed()).isGreaterThanOrEqualTo(full ? 20_700 : 1_000);
  }

  private static List<Path> subset(Path dir, List<Path> all) {
    Map<Path, List<Path>> byFolder = new TreeMap<>();
    for (Path f : all) {
      Path folder = dir.relativize(f).getParent();
      if (folder != null && SLOW_FOLDERS.stream().noneMatch(folder.toString()::contains)) {
        byFolder.computeIfAbsent(folder, k -> new ArrayList<>()).add(f);
      }
    }
    List<Path> picked = new ArrayList<>();
    for (List<Path> files : byFolder.values()) {
      picked.add(files.get(0));
      if (files.size() > 1) {
        picked.add(files.get(files.size() / 2));
      }
    }
    return picked;
  }
}
