package dev.raftseq.batcher.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real anvil from scripts/install-tools.sh on a loopback port. {@link #stop} and {@link #start}
 * again keep the port and (with a state file) the chain, so tests can take the L1 down and bring it
 * back.
 */
public final class Anvil implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
  private static volatile boolean installed;

  private final Path dir;
  private final List<String> extraArgs;
  private final Path stateFile;
  private Process process;
  private int port;
  private int starts;

  private Anvil(Path dir, List<String> extraArgs, Path stateFile) {
    this.dir = dir;
    this.extraArgs = List.copyOf(extraArgs);
    this.stateFile = stateFile;
  }

  /**
   * Starts anvil on a free port.
   *
   * @param stateFile when not null, anvil loads it if it exists and writes its state there on stop
   *     ({@code --state}), so a restart continues the same chain
   */
  public static Anvil start(Path dir, Path stateFile, String... extraArgs) throws IOException {
    Anvil a = new Anvil(dir, List.of(extraArgs), stateFile);
    a.start();
    return a;
  }

  public static Path repoRoot() throws IOException {
    String prop = System.getProperty("raftseq.repo.root");
    Path root = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent();
    if (!Files.isRegularFile(root.resolve("scripts/install-tools.sh"))) {
      throw new IOException("cannot find scripts/install-tools.sh under " + root + "; set -Draftseq.repo.root");
    }
    return root;
  }

  static synchronized void install(Path dir) throws IOException {
    if (installed) {
      return;
    }
    Path root = repoRoot();
    Path log = dir.resolve("install-tools.log");
    try {
      Process p = new ProcessBuilder("bash", root.resolve("scripts/install-tools.sh").toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException("install-tools.sh failed: " + Files.readString(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    installed = true;
  }

  /** (Re)starts on the same port once it had one. */
  public synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("anvil is running");
    }
    install(dir);
    List<String> cmd = new ArrayList<>(List.of(repoRoot().resolve(".tools/bin/anvil").toString(),
        "--host", "127.0.0.1", "--port", String.valueOf(port)));
    if (stateFile != null) {
      cmd.addAll(List.of("--state", stateFile.toString()));
    }
    cmd.addAll(extraArgs);
    Path log = dir.resolve("anvil-" + (++starts) + ".log");
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(Files.readString(log));
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
        return;
      }
      if (!process.isAlive()) {
        break;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    process.destroyForcibly();
    throw new IOException("anvil did not start: " + Files.readString(log));
  }

  /** Stops anvil (SIGTERM, so it writes its state file) and waits for it. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public java.net.URI uri() {
    return java.net.URI.create(url());
  }

  @Override
  public void close() {
    stop();
  }
}
