package dev.raftseq.raft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The state machine's answer to the proposer of an entry, carried in the Raft reply: one outcome
 * byte and a UTF-8 reason. Only ever produced by our own state machine, but decoded defensively.
 */
record ApplyReply(Outcome outcome, String reason) {

  enum Outcome {
    BLOCK_APPLIED(1),
    BLOCK_REJECTED_STALE(2),
    BLOCK_INVALID(3),
    TXS_ACCEPTED(4),
    /** The entry did not decode; every node skipped it. */
    ENTRY_CORRUPT(5),
    /** The entry was at or below the durable applied index (replayed); its outcome is not known here. */
    ALREADY_APPLIED(6);

    final byte code;

    Outcome(int code) {
      this.code = (byte) code;
    }

    static Outcome of(byte code) {
      for (Outcome o : values()) {
        if (o.code == code) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown outcome code " + code);
    }
  }

  static ApplyReply of(BlockApplyResult r) {
    return switch (r.status()) {
      case APPLIED -> new ApplyReply(Outcome.BLOCK_APPLIED, "");
      case REJECTED_STALE -> new ApplyReply(Outcome.BLOCK_REJECTED_STALE, r.reason());
      case INVALID -> new ApplyReply(Outcome.BLOCK_INVALID, r.reason());
    };
  }

  byte[] encode() {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[1 + text.length];
    out[0] = outcome.code;
    System.arraycopy(text, 0, out, 1, text.length);
    return out;
  }

  static ApplyReply decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("empty apply reply");
    }
    return new ApplyReply(Outcome.of(bytes[0]),
        new String(Arrays.copyOfRange(bytes, 1, bytes.length), StandardCharsets.UTF_8));
  }
}
