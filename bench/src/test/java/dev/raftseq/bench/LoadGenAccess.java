package dev.raftseq.bench;

import java.io.PrintStream;

/** Test-only door to the package-private entry point of {@link LoadGen}. */
public final class LoadGenAccess {
  private LoadGenAccess() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    return LoadGen.run(args, out, err);
  }
}
