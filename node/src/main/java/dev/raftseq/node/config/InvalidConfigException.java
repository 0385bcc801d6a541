package dev.raftseq.node.config;

/**
 * The configuration cannot be used. The message names the setting (and, when it came from the
 * environment, the variable) and is meant to be printed to the operator as it is.
 */
public final class InvalidConfigException extends RuntimeException {
  public InvalidConfigException(String message) {
    super(message);
  }

  public InvalidConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
