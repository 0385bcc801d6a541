package dev.raftseq.chain.rlp;

import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Canonical RLP encoder writing into one growable buffer (no per-item objects, unlike web3j's
 * {@code RlpEncoder}, which this replaces on hot paths). Lists are opened with
 * {@link #startList()} and closed with {@link #endList()}; the list header is inserted when the
 * payload length is known. Not thread-safe; use one writer per encoding.
 */
public final class RlpWriter {
  private byte[] buf;
  private int len;
  private int[] listStarts = new int[8];
  private int depth;

  public RlpWriter() {
    this(128);
  }

  public RlpWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** A string item. */
  public RlpWriter writeBytes(byte[] b) {
    return writeBytes(b, 0, b.length);
  }

  public RlpWriter writeBytes(byte[] b, int off, int n) {
    if (n == 1 && (b[off] & 0xff) < 0x80) {
      ensure(1);
      buf[len++] = b[off];
      return this;
    }
    writeHeader(0x80, n);
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  /** A non-negative integer as a minimal big-endian string (zero is the empty string). */
  public RlpWriter writeLong(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("RLP integers are unsigned: " + v);
    }
    if (v == 0) {
      ensure(1);
      buf[len++] = (byte) 0x80;
      return this;
    }
    if (v < 0x80) {
      ensure(1);
      buf[len++] = (byte) v;
      return this;
    }
    int n = byteLength(v);
    ensure(1 + n);
    buf[len++] = (byte) (0x80 + n);
    putBigEndian(v, n);
    return this;
  }

  public RlpWriter writeBigInteger(BigInteger v) {
    if (v.signum() < 0) {
      throw new IllegalArgumentException("RLP integers are unsigned: " + v);
    }
    if (v.bitLength() < 63) {
      return writeLong(v.longValue());
    }
    byte[] b = v.toByteArray();
    int off = b[0] == 0 ? 1 : 0;
    return writeBytes(b, off, b.length - off);
  }

  public RlpWriter writeWei(Wei w) {
    return writeBigInteger(w.value());
  }

  public RlpWriter writeHash(Hash h) {
    return writeBytes(h.unsafeBytes());
  }

  /** An address, or the empty string for null (contract creation). */
  public RlpWriter writeAddress(Address a) {
    return a == null ? writeBytes(new byte[0]) : writeBytes(a.unsafeBytes());
  }

  /** An item that is already RLP-encoded, copied verbatim. */
  public RlpWriter writeRaw(byte[] encoded) {
    return writeRaw(encoded, 0, encoded.length);
  }

  public RlpWriter writeRaw(byte[] encoded, int off, int n) {
    ensure(n);
    System.arraycopy(encoded, off, buf, len, n);
    len += n;
    return this;
  }

  public RlpWriter startList() {
    if (depth == listStarts.length) {
      listStarts = Arrays.copyOf(listStarts, depth * 2);
    }
    listStarts[depth++] = len;
    return this;
  }

  public RlpWriter endList() {
    if (depth == 0) {
      throw new IllegalStateException("endList without startList");
    }
    int start = listStarts[--depth];
    int payload = len - start;
    int h = headerLength(payload);
    ensure(h);
    System.arraycopy(buf, start, buf, start + h, payload);
    writeHeader(buf, start, 0xc0, payload);
    len += h;
    return this;
  }

  public int size() {
    return len;
  }

  public byte[] toByteArray() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " lists still open");
    }
    return Arrays.copyOf(buf, len);
  }

  /** rlp(b) for a byte string. */
  public static byte[] encodeBytes(byte[] b) {
    return new RlpWriter(b.length + 9).writeBytes(b).toByteArray();
  }

  /** rlp(v) for a non-negative integer. */
  public static byte[] encodeLong(long v) {
    return new RlpWriter(16).writeLong(v).toByteArray();
  }

  /** Length of the header of a string or list with a payload of this many bytes. */
  public static int headerLength(int payloadLength) {
    return payloadLength < 56 ? 1 : 1 + byteLength(payloadLength);
  }

  /** Writes the header of a list ({@code 0xc0}) or string ({@code 0x80}) to {@code out}. */
  public static int writeHeader(byte[] out, int off, int base, int payloadLength) {
    if (payloadLength < 56) {
      out[off] = (byte) (base + payloadLength);
      return 1;
    }
    int n = byteLength(payloadLength);
    out[off] = (byte) (base + 55 + n);
    for (int i = n; i >= 1; i--) {
      out[off + i] = (byte) (payloadLength >>> (8 * (n - i)));
    }
    return 1 + n;
  }

  private void writeHeader(int base, int payloadLength) {
    ensure(9);
    len += writeHeader(buf, len, base, payloadLength);
  }

  private void putBigEndian(long v, int n) {
    for (int i = n - 1; i >= 0; i--) {
      buf[len + i] = (byte) v;
      v >>>= 8;
    }
    len += n;
  }

  private static int byteLength(long v) {
    return (64 - Long.numberOfLeadingZeros(v) + 7) / 8;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }
}
