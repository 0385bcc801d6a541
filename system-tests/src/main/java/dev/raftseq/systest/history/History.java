package dev.raftseq.systest.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A recorded history, in the order it was written. */
public record History(List<Op> ops) {
  public History {
    ops = List.copyOf(ops);
  }

  public static History read(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return new History(lines.filter(l -> !l.isBlank()).map(HistoryJson::parse).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Stream<Op> stream() {
    return ops.stream();
  }

  public Stream<Op> of(String f) {
    return ops.stream().filter(o -> o.f().equals(f));
  }
}
