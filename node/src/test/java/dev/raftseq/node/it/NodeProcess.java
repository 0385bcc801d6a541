package dev.raftseq.node.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real node JVM started as an operator would: {@code java -jar node/target/node.jar} from the
 * repository root, configured only through environment variables and --config files.
 */
final class NodeProcess implements AutoCloseable {
  static final Path REPO = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  static final Path JAR = Path.of(System.getProperty("node.jar", "target/node.jar")).toAbsolutePath();

  private final String name;
  private final Map<String, String> env;
  private final List<String> args;
  private final Path log;
  private Process process;

  NodeProcess(String name, Map<String, String> env, List<String> args, Path logDir) {
    this.name = name;
    this.env = new LinkedHashMap<>(env);
    this.args = List.copyOf(args);
    this.log = logDir.resolve(name + ".log");
  }

  NodeProcess start() {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(REPO.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** kill -9: no shutdown hooks, no flushes. */
  void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitExit();
    }
  }

  /** SIGTERM: an orderly shutdown. */
  void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitExit();
    }
  }

  Integer exitCode() {
    return process == null || process.isAlive() ? null : process.exitValue();
  }

  private void waitExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String name() {
    return name;
  }

  Path logFile() {
    return log;
  }

  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stop();
  }
}
