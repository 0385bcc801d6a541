package dev.raftseq.systest.cluster;

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
 * One node JVM, started as an operator would ({@code java -jar node.jar} from the repository
 * root, configured by environment variables), with the signals a fault harness needs:
 * SIGKILL, SIGTERM, SIGSTOP and SIGCONT. Output is appended to a log file per node.
 */
public final class NodeProcess {
  private final String name;
  private final Path jar;
  private final Path workDir;
  private final Map<String, String> env;
  private final Path log;
  private Process process;
  private volatile boolean paused;

  public NodeProcess(String name, Path jar, Path workDir, Map<String, String> env, Path log) {
    this.name = name;
    this.jar = jar;
    this.workDir = workDir;
    this.env = new LinkedHashMap<>(env);
    this.log = log;
  }

  public synchronized void start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-XX:+UseSerialGC");
    // three nodes and the harness share a small machine: C1 alone compiles for a fraction of the CPU
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.add("--config");
    cmd.add("./local-chains/local_dev.yaml");
    // the chain's own settings (its L1 contract and operator), as run_local.sh passes them
    cmd.add("--config");
    cmd.add("./local-chains/v30.2/default/config.yaml");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(log, "==== start " + java.time.Instant.now() + "\n", java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      process = pb.start();
      paused = false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  public synchronized Integer exitCode() {
    return process == null || process.isAlive() ? null : process.exitValue();
  }

  public boolean paused() {
    return paused;
  }

  /** kill -9: no shutdown hook runs, nothing is flushed by the process. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    waitExit(30);
    paused = false;
  }

  /** SIGTERM, and SIGKILL if it has not exited within the grace period. */
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    resume();
    process.destroy();
    if (!waitExit(30)) {
      process.destroyForcibly();
      waitExit(10);
    }
  }

  /** SIGSTOP: the process keeps its sockets and memory but runs no instruction. */
  public synchronized void pause() {
    if (isAlive()) {
      signal("STOP");
      paused = true;
    }
  }

  /** SIGCONT. */
  public synchronized void resume() {
    if (paused && isAlive()) {
      signal("CONT");
    }
    paused = false;
  }

  private void signal(String sig) {
    try {
      Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).redirectErrorStream(true).start();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("kill -" + sig + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean waitExit(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
