package dev.raftseq.node.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's arguments: {@code --config FILE} (or {@code --config=FILE}), repeatable, applied in
 * order.
 */
public record CommandLine(List<Path> configFiles) {
  static final String USAGE = "usage: node [--config FILE]... | --help";

  public CommandLine {
    configFiles = List.copyOf(configFiles);
  }

  /** @throws InvalidConfigException naming the argument that is not understood */
  public static CommandLine parse(String... args) {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String file;
      if (a.equals("--config")) {
        if (i + 1 >= args.length) {
          throw new InvalidConfigException("--config needs a file; " + USAGE);
        }
        file = args[++i];
      } else if (a.startsWith("--config=")) {
        file = a.substring("--config=".length());
      } else {
        throw new InvalidConfigException("unknown argument '" + a + "'; " + USAGE);
      }
      try {
        if (file.isBlank()) {
          throw new InvalidPathException(file, "empty");
        }
        files.add(Path.of(file));
      } catch (InvalidPathException e) {
        throw new InvalidConfigException("--config: not a valid path '" + file + "'");
      }
    }
    return new CommandLine(files);
  }
}
