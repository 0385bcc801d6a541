package dev.raftseq.rpc.params;

/**
 * Named blocks. Blocks here are final once Raft commits them, so latest, safe and finalized are
 * the head; no pending block is built ahead of time, so pending is the head as well (nonces
 * answer the pool's view through the backend).
 */
public enum BlockTag {
  LATEST("latest"),
  EARLIEST("earliest"),
  PENDING("pending"),
  SAFE("safe"),
  FINALIZED("finalized");

  private final String text;

  BlockTag(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** The tag with this exact (case-sensitive) name, or null. */
  public static BlockTag parse(String s) {
    for (BlockTag t : values()) {
      if (t.text.equals(s)) {
        return t;
      }
    }
    return null;
  }
}
