package dev.raftseq.chain.trie;

import java.util.ArrayList;
import java.util.List;

/**
 * The RLP needed for trie nodes: exact-size writes of node encodings (computed once, copied once)
 * and a reader that keeps item offsets, so embedded child nodes are sliced out of their parent's
 * bytes without re-encoding. General RLP lives in {@code dev.raftseq.chain.rlp}.
 */
final class NodeRlp {
  /** The encoding of the empty string, also the "no child" marker in branch nodes. */
  static final byte[] EMPTY_STRING = {(byte) 0x80};

  private NodeRlp() {}

  /** Length of the header of a string or list whose payload has {@code payloadLength} bytes. */
  static int headerLength(int payloadLength) {
    if (payloadLength < 56) {
      return 1;
    }
    return 1 + byteLength(payloadLength);
  }

  /** Length of the encoding of a byte string. */
  static int stringLength(byte[] s) {
    if (s.length == 1 && (s[0] & 0xff) < 0x80) {
      return 1;
    }
    return headerLength(s.length) + s.length;
  }

  /** Writes the encoding of a byte string at {@code pos}; returns the position after it. */
  static int writeString(byte[] out, int pos, byte[] s) {
    if (s.length == 1 && (s[0] & 0xff) < 0x80) {
      out[pos] = s[0];
      return pos + 1;
    }
    int p = writeHeader(out, pos, 0x80, s.length);
    System.arraycopy(s, 0, out, p, s.length);
    return p + s.length;
  }

  /** Writes a string (offset 0x80) or list (0xc0) header; returns the position after it. */
  static int writeHeader(byte[] out, int pos, int offset, int payloadLength) {
    if (payloadLength < 56) {
      out[pos] = (byte) (offset + payloadLength);
      return pos + 1;
    }
    int n = byteLength(payloadLength);
    out[pos] = (byte) (offset + 55 + n);
    for (int i = n; i >= 1; i--) {
      out[pos + i] = (byte) payloadLength;
      payloadLength >>>= 8;
    }
    return pos + 1 + n;
  }

  private static int byteLength(int v) {
    return v < 0x100 ? 1 : v < 0x10000 ? 2 : v < 0x1000000 ? 3 : 4;
  }

  /** One item: where it starts, where its payload is, and where it ends. */
  record Item(boolean isList, int start, int payloadOffset, int payloadLength) {
    int end() {
      return payloadOffset + payloadLength;
    }
  }

  /** The header of the item at {@code pos}; rejects non-canonical and out-of-bounds encodings. */
  static Item item(byte[] in, int pos, int limit) {
    if (pos >= limit) {
      throw new RlpException("unexpected end of input at " + pos);
    }
    int b = in[pos] & 0xff;
    if (b < 0x80) {
      return new Item(false, pos, pos, 1);
    }
    if (b < 0xb8) {
      int len = b - 0x80;
      checkBounds(pos + 1, len, limit);
      if (len == 1 && (in[pos + 1] & 0xff) < 0x80) {
        throw new RlpException("single byte below 0x80 must not have a string header");
      }
      return new Item(false, pos, pos + 1, len);
    }
    if (b < 0xc0) {
      int n = b - 0xb7;
      int len = readLength(in, pos + 1, n, limit);
      return new Item(false, pos, pos + 1 + n, checkBounds(pos + 1 + n, len, limit));
    }
    if (b < 0xf8) {
      int len = b - 0xc0;
      checkBounds(pos + 1, len, limit);
      return new Item(true, pos, pos + 1, len);
    }
    int n = b - 0xf7;
    int len = readLength(in, pos + 1, n, limit);
    return new Item(true, pos, pos + 1 + n, checkBounds(pos + 1 + n, len, limit));
  }

  /** The items of a list. */
  static List<Item> listItems(byte[] in, Item list) {
    if (!list.isList()) {
      throw new RlpException("expected a list");
    }
    List<Item> items = new ArrayList<>(17);
    int p = list.payloadOffset();
    while (p < list.end()) {
      Item it = item(in, p, list.end());
      items.add(it);
      p = it.end();
    }
    return items;
  }

  /** A copy of the payload of an item. */
  static byte[] payload(byte[] in, Item it) {
    byte[] out = new byte[it.payloadLength()];
    System.arraycopy(in, it.payloadOffset(), out, 0, out.length);
    return out;
  }

  /** A copy of the whole encoding of an item (header included). */
  static byte[] raw(byte[] in, Item it) {
    byte[] out = new byte[it.end() - it.start()];
    System.arraycopy(in, it.start(), out, 0, out.length);
    return out;
  }

  private static int readLength(byte[] in, int pos, int n, int limit) {
    if (n > 4) {
      throw new RlpException("RLP length of " + n + " bytes is too large");
    }
    checkBounds(pos, n, limit);
    if (in[pos] == 0) {
      throw new RlpException("RLP length with leading zero");
    }
    long len = 0;
    for (int i = 0; i < n; i++) {
      len = (len << 8) | (in[pos + i] & 0xff);
    }
    if (len < 56) {
      throw new RlpException("long RLP header for a short payload");
    }
    if (len > Integer.MAX_VALUE) {
      throw new RlpException("RLP length too large");
    }
    return (int) len;
  }

  private static int checkBounds(int start, int len, int limit) {
    if (len < 0 || start + (long) len > limit) {
      throw new RlpException("RLP item runs past the end of its input");
    }
    return len;
  }

  /** Bytes that are not a well-formed trie node. */
  static final class RlpException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    RlpException(String message) {
      super(message);
    }
  }
}
