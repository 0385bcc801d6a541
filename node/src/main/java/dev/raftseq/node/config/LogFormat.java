package dev.raftseq.node.config;

/** {@code observability.log_format}: human-readable lines or one JSON object per line. */
public enum LogFormat {
  TERMINAL,
  JSON
}
