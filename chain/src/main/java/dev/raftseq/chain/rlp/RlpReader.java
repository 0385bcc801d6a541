package dev.raftseq.chain.rlp;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A strict, zero-copy cursor over canonical RLP (Ethereum yellow paper, appendix B).
 *
 * <p>Hand-written because web3j's {@code RlpDecoder} is lenient: it accepts single bytes below
 * 0x80 wrapped as strings, long-form lengths under 56, lengths with leading zeros and truncated
 * input. This reader rejects all of these, every length that runs past the end of its enclosing
 * item, and (through {@link #requireEnd}) trailing bytes. Every length is checked against the
 * remaining input before anything is allocated, so no input can cause an out-of-memory error or
 * an index out of bounds: the only exception is {@link RlpException}.
 *
 * <p>Integer readers additionally reject leading zero bytes (integer zero is the empty string).
 *
 * <p>Positions returned by {@link #position()} are absolute indexes into the backing array, so
 * callers can hash or copy slices of the input without re-encoding.
 */
public final class RlpReader {
  private final byte[] buf;
  private final int end;
  private int pos;

  // header of the item at pos, filled by parseHeader()
  private boolean headerIsList;
  private int headerPayloadStart;
  private int headerPayloadLength;

  /** Reads the items in {@code buf[start, end)}. */
  public RlpReader(byte[] buf, int start, int end) {
    if (start < 0 || end > buf.length || start > end) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ") of " + buf.length);
    }
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  /** Reads the items of the whole array (usually exactly one; see {@link #requireEnd}). */
  public static RlpReader of(byte[] buf) {
    return new RlpReader(buf, 0, buf.length);
  }

  /** Absolute index in the backing array of the next item. */
  public int position() {
    return pos;
  }

  /** Absolute index in the backing array just past the last item this reader may read. */
  public int limit() {
    return end;
  }

  public boolean hasNext() {
    return pos < end;
  }

  /** Whether the next item is a list (false for a string). */
  public boolean nextIsList() throws RlpException {
    parseHeader("next item");
    return headerIsList;
  }

  /** Fails unless every item has been read. */
  public void requireEnd(String what) throws RlpException {
    if (pos != end) {
      throw new RlpException(what + ": " + (end - pos) + " unexpected trailing bytes");
    }
  }

  /** Enters the next item, which must be a list; the returned reader covers its payload. */
  public RlpReader readList(String what) throws RlpException {
    parseHeader(what);
    if (!headerIsList) {
      throw new RlpException(what + ": expected a list, found a string");
    }
    RlpReader inner = new RlpReader(buf, headerPayloadStart, headerPayloadStart + headerPayloadLength);
    pos = headerPayloadStart + headerPayloadLength;
    return inner;
  }

  /** A copy of the next item's payload, which must be a string. */
  public byte[] readBytes(String what) throws RlpException {
    int start = stringPayload(what);
    return Arrays.copyOfRange(buf, start, start + headerPayloadLength);
  }

  /** A string of exactly {@code length} bytes. */
  public byte[] readFixedBytes(String what, int length) throws RlpException {
    int start = stringPayload(what);
    if (headerPayloadLength != length) {
      throw new RlpException(what + ": expected " + length + " bytes, found " + headerPayloadLength);
    }
    return Arrays.copyOfRange(buf, start, start + length);
  }

  public Hash readHash(String what) throws RlpException {
    return new Hash(readFixedBytes(what, 32));
  }

  public Address readAddress(String what) throws RlpException {
    return new Address(readFixedBytes(what, 20));
  }

  /**
   * Skips the next string item (which must be a string) and returns its payload length; the
   * payload starts at {@code position() - length}. For callers that slice the input themselves.
   */
  public int skipString(String what) throws RlpException {
    stringPayload(what);
    return headerPayloadLength;
  }

  /** Skips the next item of any kind; returns its absolute start index. */
  public int skip() throws RlpException {
    parseHeader("item");
    int start = pos;
    pos = headerPayloadStart + headerPayloadLength;
    return start;
  }

  /** A copy of the next item including its header (an already-encoded sub-item). */
  public byte[] readRaw() throws RlpException {
    int start = skip();
    return Arrays.copyOfRange(buf, start, pos);
  }

  /** A canonical unsigned integer in [0, 2^63 - 1]. */
  public long readLong(String what) throws RlpException {
    int start = scalarPayload(what, 8);
    int n = headerPayloadLength;
    if (n == 8 && buf[start] < 0) {
      throw new RlpException(what + ": exceeds 2^63-1");
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (buf[start + i] & 0xff);
    }
    return v;
  }

  /** A canonical unsigned integer in [0, 2^256 - 1]. */
  public BigInteger readUInt256(String what) throws RlpException {
    int start = scalarPayload(what, 32);
    if (headerPayloadLength == 0) {
      return BigInteger.ZERO;
    }
    return new BigInteger(1, buf, start, headerPayloadLength);
  }

  public Wei readWei(String what) throws RlpException {
    return new Wei(readUInt256(what));
  }

  /** Reads a string holding a canonical integer of at most maxBytes; returns payload start. */
  private int scalarPayload(String what, int maxBytes) throws RlpException {
    int start = stringPayload(what);
    int n = headerPayloadLength;
    if (n > maxBytes) {
      throw new RlpException(what + ": integer of " + n + " bytes exceeds " + maxBytes);
    }
    if (n > 0 && buf[start] == 0) {
      throw new RlpException(what + ": integer has leading zero bytes");
    }
    return start;
  }

  /** Advances past the next item, which must be a string; returns its payload start. */
  private int stringPayload(String what) throws RlpException {
    parseHeader(what);
    if (headerIsList) {
      throw new RlpException(what + ": expected a string, found a list");
    }
    pos = headerPayloadStart + headerPayloadLength;
    return headerPayloadStart;
  }

  private void parseHeader(String what) throws RlpException {
    if (pos >= end) {
      throw new RlpException(what + ": missing (unexpected end of input or list at offset " + pos + ")");
    }
    int b0 = buf[pos] & 0xff;
    int avail = end - pos - 1; // bytes after the prefix byte
    if (b0 < 0x80) {
      headerIsList = false;
      headerPayloadStart = pos;
      headerPayloadLength = 1;
      return;
    }
    if (b0 <= 0xb7) {
      int len = b0 - 0x80;
      if (len > avail) {
        throw overrun(len, avail);
      }
      if (len == 1 && (buf[pos + 1] & 0xff) < 0x80) {
        throw new RlpException("non-canonical RLP at offset " + pos + ": single byte below 0x80 encoded as a string");
      }
      setHeader(false, pos + 1, len);
    } else if (b0 <= 0xbf) {
      int lenOfLen = b0 - 0xb7;
      setHeader(false, pos + 1 + lenOfLen, longLength(lenOfLen, avail));
    } else if (b0 <= 0xf7) {
      int len = b0 - 0xc0;
      if (len > avail) {
        throw overrun(len, avail);
      }
      setHeader(true, pos + 1, len);
    } else {
      int lenOfLen = b0 - 0xf7;
      setHeader(true, pos + 1 + lenOfLen, longLength(lenOfLen, avail));
    }
  }

  private void setHeader(boolean list, int payloadStart, int payloadLength) {
    headerIsList = list;
    headerPayloadStart = payloadStart;
    headerPayloadLength = payloadLength;
  }

  /** Reads a long-form length of lenOfLen bytes after the prefix at pos; checks it fits. */
  private int longLength(int lenOfLen, int avail) throws RlpException {
    if (lenOfLen > avail) {
      throw new RlpException("truncated RLP length at offset " + pos);
    }
    if (buf[pos + 1] == 0) {
      throw new RlpException("non-canonical RLP at offset " + pos + ": length has leading zeros");
    }
    if (lenOfLen > 4) {
      throw overrun(Long.MAX_VALUE, avail - lenOfLen);
    }
    long len = 0;
    for (int i = 1; i <= lenOfLen; i++) {
      len = (len << 8) | (buf[pos + i] & 0xff);
    }
    if (len < 56) {
      throw new RlpException("non-canonical RLP at offset " + pos + ": long form used for length " + len);
    }
    if (len > avail - lenOfLen) {
      throw overrun(len, avail - lenOfLen);
    }
    return (int) len;
  }

  private RlpException overrun(long len, int avail) {
    String l = len == Long.MAX_VALUE ? "over 2^32" : Long.toString(len);
    return new RlpException("RLP item at offset " + pos + " declares " + l + " bytes but only " + avail + " remain");
  }
}
