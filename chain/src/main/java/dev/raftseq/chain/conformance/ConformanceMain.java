package dev.raftseq.chain.conformance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code ConformanceMain <dir>}: runs every state-test JSON file under {@code dir} (recursively),
 * prints a table per folder, lists every failure with its reason, and ends with
 * {@code N passed, M failed}. Exits 1 when anything failed (or nothing ran), 2 on bad usage.
 */
public final class ConformanceMain {
  private ConformanceMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1 || !Files.isDirectory(Path.of(args[0]))) {
      System.err.println("usage: conformance.sh <directory of state-test JSON files>");
      System.exit(2);
    }
    Summary s = run(Path.of(args[0]), System.out);
    System.exit(s.failed() == 0 && s.passed() > 0 ? 0 : 1);
  }

  /** Totals of a run. */
  public record Summary(int passed, int failed, Map<String, int[]> perFolder, List<StateTestRunner.Case> failures) {}

  /** Runs all files under {@code dir} and prints the report to {@code out}. */
  public static Summary run(Path dir, PrintStream out) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    return run(dir, files, out);
  }

  /** Runs the given files (under {@code dir}) and prints the report. */
  public static Summary run(Path dir, List<Path> files, PrintStream out) {
    StateTestRunner runner = new StateTestRunner();
    Map<String, int[]> perFolder = new TreeMap<>();
    List<StateTestRunner.Case> failures = new ArrayList<>();
    int passed = 0;
    int failed = 0;
    for (Path f : files) {
      Path rel = dir.relativize(f);
      String folder = rel.getParent() == null ? "." : rel.getParent().toString();
      int[] counts = perFolder.computeIfAbsent(folder, k -> new int[2]);
      long started = System.nanoTime();
      List<StateTestRunner.Case> cases = runner.runFile(f, rel.toString());
      long ms = (System.nanoTime() - started) / 1_000_000;
      if (ms > 5_000) {
        System.err.println("slow: " + rel + " took " + ms + " ms");
      }
      for (StateTestRunner.Case c : cases) {
        if (c.passed()) {
          passed++;
          counts[0]++;
        } else {
          failed++;
          counts[1]++;
          failures.add(c);
        }
      }
    }
    out.printf("| %-50s | %7s | %7s | %7s |%n", "folder", "cases", "passed", "failed");
    out.printf("|%s|%s|%s|%s|%n", "-".repeat(52), "-".repeat(9), "-".repeat(9), "-".repeat(9));
    for (Map.Entry<String, int[]> e : perFolder.entrySet()) {
      int[] c = e.getValue();
      out.printf("| %-50s | %7d | %7d | %7d |%n", e.getKey(), c[0] + c[1], c[0], c[1]);
    }
    out.printf("| %-50s | %7d | %7d | %7d |%n", "total", passed + failed, passed, failed);
    if (!failures.isEmpty()) {
      out.println();
      out.println("failures:");
      for (StateTestRunner.Case c : failures) {
        out.println("  " + c.name() + ": " + c.failure());
      }
    }
    out.println(passed + " passed, " + failed + " failed");
    return new Summary(passed, failed, perFolder, failures);
  }
}
