package dev.raftseq.chain.exec;

import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.types.Header;

/**
 * Seal fields of a header that may be genesis: genesis carries no seal, so its time is its
 * timestamp in whole seconds and its term 0.
 */
final class Seals {
  private static final int VANITY_PAYLOAD_BYTES = 16; // term and milliseconds; the rest is zero

  private Seals() {}

  static long millis(Header h) {
    return h.number() == 0 ? h.timestamp() * 1000 : SealFields.timestampMillis(h);
  }

  static long term(Header h) {
    return h.number() == 0 ? 0 : SealFields.term(h);
  }

  /** extraData is vanity (term, milliseconds, 16 zero bytes) followed by a 65-byte seal. */
  static boolean hasSealLayout(Header h) {
    byte[] extra = h.extraData();
    if (extra.length != SealFields.SEALED_EXTRA_BYTES) {
      return false;
    }
    for (int i = VANITY_PAYLOAD_BYTES; i < Header.VANITY_BYTES; i++) {
      if (extra[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
