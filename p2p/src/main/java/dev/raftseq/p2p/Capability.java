package dev.raftseq.p2p;

import java.util.regex.Pattern;

/**
 * A devp2p capability: a short ASCII name, a version, and how many message ids it takes (after
 * the base protocol's 0x00-0x0f). Shared capabilities get consecutive id ranges in alphabetical
 * order.
 */
public record Capability(String name, int version, int messageCount) {
  private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e]{1,8}");

  public Capability {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("capability name must be 1-8 printable ASCII characters: '" + name + "'");
    }
    if (version < 0 || messageCount < 1) {
      throw new IllegalArgumentException("capability " + name + ": bad version " + version + " or message count " + messageCount);
    }
  }

  @Override
  public String toString() {
    return name + "/" + version;
  }
}
