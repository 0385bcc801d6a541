package dev.raftseq.systest.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends operations to a JSON-lines file as they happen (flushed per line, so a crashed harness
 * still leaves its history) and keeps them in memory for the checker. Thread-safe: the index is
 * the order in which records were written.
 */
public final class HistoryRecorder implements AutoCloseable {
  private final BufferedWriter out;
  private final InstantSource wallClock;
  private final long startNanos = System.nanoTime();
  private final List<Op> ops = new ArrayList<>();

  public HistoryRecorder(Path file, InstantSource wallClock) {
    this.wallClock = wallClock;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records and returns the op. */
  public synchronized Op record(String process, OpType type, String f, ObjectNode value) {
    Op op = new Op(ops.size(), System.nanoTime() - startNanos, wallClock.millis(), process, type, f, value.deepCopy());
    ops.add(op);
    try {
      out.write(HistoryJson.line(op));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return op;
  }

  public static ObjectNode value() {
    return HistoryJson.JSON.createObjectNode();
  }

  public synchronized History snapshot() {
    return new History(List.copyOf(ops));
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
