package dev.raftseq.node.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** foundry's cast, installed by scripts/install-tools.sh into .tools/bin. */
final class Cast {
  static final Path BIN = NodeProcess.REPO.resolve(".tools/bin/cast");

  private Cast() {}

  record Result(int exit, String out) {}

  static String ok(String... args) {
    Result r = run(args);
    if (r.exit != 0) {
      throw new AssertionError("cast " + String.join(" ", args) + " exited " + r.exit + ": " + r.out);
    }
    return r.out.trim();
  }

  static Result run(String... args) {
    if (!Files.isExecutable(BIN)) {
      throw new AssertionError(BIN + " is missing: run scripts/install-tools.sh (test.sh does)");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(BIN.toString());
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("cast timed out: " + cmd);
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
