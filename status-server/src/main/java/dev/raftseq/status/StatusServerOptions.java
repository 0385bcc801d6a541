package dev.raftseq.status;

import java.util.Objects;

/** Where the status server listens; port 0 binds a free port ({@link StatusServer#start()} tells which). */
public record StatusServerOptions(String host, int port) {
  public StatusServerOptions {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }
}
