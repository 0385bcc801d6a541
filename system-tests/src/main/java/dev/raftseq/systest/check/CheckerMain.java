package dev.raftseq.systest.check;

import dev.raftseq.systest.history.History;
import java.nio.file.Path;

/**
 * Checks a recorded run: {@code CheckerMain <run-dir>} reads {@code <run-dir>/history.jsonl} and
 * {@code <run-dir>/chains/}, prints the JSON summary and exits 1 on any violation (2 on bad
 * arguments).
 */
public final class CheckerMain {
  private CheckerMain() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: CheckerMain <run-dir holding history.jsonl and chains/>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    CheckReport report = Checker.check(History.read(dir.resolve("history.jsonl")), ChainFiles.read(dir.resolve("chains")));
    System.out.println(report.toJsonString());
    System.exit(report.valid() ? 0 : 1);
  }
}
