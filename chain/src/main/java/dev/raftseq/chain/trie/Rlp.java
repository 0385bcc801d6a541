package dev.raftseq.chain.trie;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Minimal canonical RLP writer and strict reader for trie nodes and state values.
 *
 * <p>Hand-written instead of web3j's {@code RlpEncoder}/{@code RlpDecoder} because those build an
 * object tree per item and re-copy nested payloads; trie nodes are encoded and decoded on the hot
 * path of every block. Writers size the output exactly and copy each byte once.
 */
public final class Rlp {
  /** The encoding of the empty string, also the "no child" marker in branch nodes. */
  public static final byte[] EMPTY_STRING = {(byte) 0x80};

  private Rlp() {}

  // ---------------------------------------------------------------- writing

  /** The encoding of a byte string. */
  public static byte[] encodeString(byte[] s) {
    if (s.length == 1 && (s[0] & 0xff) < 0x80) {
      return new byte[] {s[0]};
    }
    byte[] out = new byte[headerLength(s.length) + s.length];
    int p = writeHeader(out, 0, 0x80, s.length);
    System.arraycopy(s, 0, out, p, s.length);
    return out;
  }

  /** An unsigned integer as the shortest big-endian string (zero is the empty string). */
  public static byte[] encodeLong(long v) {
    return encodeString(unsignedBytes(v));
  }

  /** A non-negative integer as the shortest big-endian string. */
  public static byte[] encodeBigInteger(BigInteger v) {
    if (v.signum() < 0) {
      throw new IllegalArgumentException("RLP integers are unsigned");
    }
    return encodeString(stripLeadingZeros(v.toByteArray()));
  }

  /** A list of already encoded items. */
  public static byte[] encodeList(byte[]... items) {
    int payload = 0;
    for (byte[] item : items) {
      payload += item.length;
    }
    byte[] out = new byte[headerLength(payload) + payload];
    int p = writeHeader(out, 0, 0xc0, payload);
    for (byte[] item : items) {
      System.arraycopy(item, 0, out, p, item.length);
      p += item.length;
    }
    return out;
  }

  /** A list of already encoded items. */
  public static byte[] encodeList(List<byte[]> items) {
    return encodeList(items.toArray(new byte[0][]));
  }

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

  /** Big-endian bytes of an unsigned long without leading zeros (empty for zero). */
  public static byte[] unsignedBytes(long v) {
    int n = (64 - Long.numberOfLeadingZeros(v) + 7) / 8;
    byte[] out = new byte[n];
    for (int i = n - 1; i >= 0; i--) {
      out[i] = (byte) v;
      v >>>= 8;
    }
    return out;
  }

  /** The bytes after the leading zero bytes (a copy when anything is stripped). */
  public static byte[] stripLeadingZeros(byte[] b) {
    int i = 0;
    while (i < b.length && b[i] == 0) {
      i++;
    }
    if (i == 0) {
      return b;
    }
    byte[] out = new byte[b.length - i];
    System.arraycopy(b, i, out, 0, out.length);
    return out;
  }

  // ---------------------------------------------------------------- reading

  /** One decoded item header: where its payload is and where the item ends. */
  public record Item(boolean isList, int start, int payloadOffset, int payloadLength) {
    public int end() {
      return payloadOffset + payloadLength;
    }
  }

  /**
   * Reads the header of the item at {@code pos}, rejecting non-canonical and out-of-bounds
   * encodings.
   */
  public static Item item(byte[] in, int pos, int limit) {
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
  public static List<Item> listItems(byte[] in, Item list) {
    if (!list.isList()) {
      throw new RlpException("expected a list");
    }
    List<Item> items = new ArrayList<>();
    int p = list.payloadOffset();
    while (p < list.end()) {
      Item it = item(in, p, list.end());
      items.add(it);
      p = it.end();
    }
    return items;
  }

  /** Decodes a whole input that must be exactly one list; returns its items. */
  public static List<Item> decodeList(byte[] in) {
    Item list = item(in, 0, in.length);
    if (list.end() != in.length) {
      throw new RlpException("trailing bytes after RLP item");
    }
    return listItems(in, list);
  }

  /** Decodes a whole input that must be exactly one string; returns its payload. */
  public static byte[] decodeString(byte[] in) {
    Item it = item(in, 0, in.length);
    if (it.isList() || it.end() != in.length) {
      throw new RlpException("expected exactly one RLP string");
    }
    return payload(in, it);
  }

  /** A copy of the payload of an item. */
  public static byte[] payload(byte[] in, Item it) {
    byte[] out = new byte[it.payloadLength()];
    System.arraycopy(in, it.payloadOffset(), out, 0, out.length);
    return out;
  }

  /** A copy of the whole encoding of an item (header included). */
  public static byte[] raw(byte[] in, Item it) {
    byte[] out = new byte[it.end() - it.start()];
    System.arraycopy(in, it.start(), out, 0, out.length);
    return out;
  }

  /** An unsigned integer string of at most 8 bytes without leading zeros. */
  public static long longValue(byte[] in, Item it) {
    if (it.isList() || it.payloadLength() > 8) {
      throw new RlpException("expected an integer of at most 8 bytes");
    }
    if (it.payloadLength() > 0 && in[it.payloadOffset()] == 0) {
      throw new RlpException("integer with leading zero");
    }
    long v = 0;
    for (int i = 0; i < it.payloadLength(); i++) {
      v = (v << 8) | (in[it.payloadOffset() + i] & 0xff);
    }
    return v;
  }

  /** An unsigned integer string of at most 32 bytes without leading zeros. */
  public static BigInteger bigIntegerValue(byte[] in, Item it) {
    if (it.isList() || it.payloadLength() > 32) {
      throw new RlpException("expected an integer of at most 32 bytes");
    }
    if (it.payloadLength() > 0 && in[it.payloadOffset()] == 0) {
      throw new RlpException("integer with leading zero");
    }
    return new BigInteger(1, payload(in, it));
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

  /** Bytes that are not canonical RLP of the expected shape. */
  public static final class RlpException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public RlpException(String message) {
      super(message);
    }
  }
}
