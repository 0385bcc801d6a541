package dev.raftseq.node.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The top-level sections of the configuration. They are also the environment prefixes:
 * {@code STATUS_SERVER_ADDRESS} is {@code status_server.address}.
 */
final class Sections {
  static final List<String> ALL = List.of(
      "general", "network", "consensus", "sequencer", "rpc", "status_server", "observability",
      "batcher", "prover_api", "l1_provider", "l1_sender", "mempool");

  /** Longest first, so a section whose name contains '_' wins over a shorter one. */
  private static final List<String> BY_LENGTH =
      ALL.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();

  /** Settings whose values never appear in messages. */
  private static final List<String> SECRETS = List.of("network.secret_key", "l1_sender.operator_commit_pk",
      "status_server.admin_token");

  private Sections() {}

  static boolean isSecret(String path) {
    return SECRETS.contains(path);
  }

  static boolean isKnown(String section) {
    return ALL.contains(section);
  }

  /** The section a lower-case variable name belongs to, if it starts with "section_" and more. */
  static Optional<String> ofVariable(String lowerName) {
    for (String s : BY_LENGTH) {
      if (lowerName.length() > s.length() + 1 && lowerName.startsWith(s + "_")) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
