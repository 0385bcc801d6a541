package dev.raftseq.raft;

import dev.raftseq.chain.codec.DecodeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte format of the sequencer's Raft log entries.
 *
 * <pre>
 *   BLOCK    = 0x01 || encodedBlock                       (encodedBlock non-empty, opaque here)
 *   TX_BATCH = 0x02 || u32 count || count * (u32 len || tx)  (1 &lt;= count, 1 &lt;= len, no trailing bytes)
 * </pre>
 *
 * All integers are big-endian. Decoding is strict and bounded: every length is checked against
 * the bytes that remain before anything is allocated, so a corrupt entry costs at most its own
 * size, and any deviation is a {@link DecodeException} (never a partial result). Hand-written
 * because the format is four lines long; RLP would add a dependency and nothing else.
 */
public final class EntryCodec {
  static final byte TYPE_BLOCK = 0x01;
  static final byte TYPE_TX_BATCH = 0x02;

  /** Hard cap of one entry; Ratis config keeps real entries well below it. */
  public static final int MAX_ENTRY_BYTES = 64 * 1024 * 1024;
  /** Hard cap of transactions in one batch entry. */
  public static final int MAX_TXS_PER_BATCH = 65_536;

  private static final int LENGTH_BYTES = Integer.BYTES;
  /** Type byte and transaction count in front of a batch's transactions. */
  public static final int BATCH_HEADER_BYTES = 1 + LENGTH_BYTES;

  private EntryCodec() {}

  public static byte[] encodeBlock(byte[] encodedBlock) {
    if (encodedBlock.length == 0) {
      throw new IllegalArgumentException("empty block");
    }
    if (encodedBlock.length > MAX_ENTRY_BYTES - 1) {
      throw new IllegalArgumentException("block of " + encodedBlock.length + " bytes exceeds the entry limit");
    }
    byte[] out = new byte[1 + encodedBlock.length];
    out[0] = TYPE_BLOCK;
    System.arraycopy(encodedBlock, 0, out, 1, encodedBlock.length);
    return out;
  }

  public static byte[] encodeTxBatch(List<byte[]> rawTxs) {
    if (rawTxs.isEmpty() || rawTxs.size() > MAX_TXS_PER_BATCH) {
      throw new IllegalArgumentException("batch must hold 1.." + MAX_TXS_PER_BATCH + " transactions, got " + rawTxs.size());
    }
    long size = encodedBatchSize(rawTxs);
    if (size > MAX_ENTRY_BYTES) {
      throw new IllegalArgumentException("batch of " + size + " bytes exceeds the entry limit");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size);
    out.put(TYPE_TX_BATCH).putInt(rawTxs.size());
    for (byte[] tx : rawTxs) {
      if (tx.length == 0) {
        throw new IllegalArgumentException("empty transaction in batch");
      }
      out.putInt(tx.length).put(tx);
    }
    return out.array();
  }

  /** Bytes {@link #encodeTxBatch} produces for these transactions. */
  public static long encodedBatchSize(List<byte[]> rawTxs) {
    long size = BATCH_HEADER_BYTES;
    for (byte[] tx : rawTxs) {
      size += LENGTH_BYTES + tx.length;
    }
    return size;
  }

  /** Bytes one more transaction adds to a batch entry. */
  public static int batchOverhead(byte[] rawTx) {
    return LENGTH_BYTES + rawTx.length;
  }

  public static LogEntry decode(byte[] entry) throws DecodeException {
    if (entry.length == 0) {
      throw new DecodeException("empty log entry");
    }
    if (entry.length > MAX_ENTRY_BYTES) {
      throw new DecodeException("log entry of " + entry.length + " bytes exceeds " + MAX_ENTRY_BYTES);
    }
    return switch (entry[0]) {
      case TYPE_BLOCK -> decodeBlock(entry);
      case TYPE_TX_BATCH -> decodeTxBatch(entry);
      default -> throw new DecodeException(String.format("unknown log entry type 0x%02x", entry[0] & 0xff));
    };
  }

  private static LogEntry decodeBlock(byte[] entry) throws DecodeException {
    if (entry.length == 1) {
      throw new DecodeException("block entry without block bytes");
    }
    byte[] block = new byte[entry.length - 1];
    System.arraycopy(entry, 1, block, 0, block.length);
    return new LogEntry.BlockEntry(block);
  }

  private static LogEntry decodeTxBatch(byte[] entry) throws DecodeException {
    ByteBuffer in = ByteBuffer.wrap(entry, 1, entry.length - 1);
    int count = readLength(in, "transaction count");
    if (count == 0 || count > MAX_TXS_PER_BATCH) {
      throw new DecodeException("transaction count " + count + " outside 1.." + MAX_TXS_PER_BATCH);
    }
    // each transaction needs at least a length and one byte: reject impossible counts before allocating
    if ((long) count * (LENGTH_BYTES + 1) > in.remaining()) {
      throw new DecodeException("transaction count " + count + " does not fit in " + in.remaining() + " bytes");
    }
    List<byte[]> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int len = readLength(in, "length of transaction " + i);
      if (len == 0) {
        throw new DecodeException("transaction " + i + " is empty");
      }
      if (len > in.remaining()) {
        throw new DecodeException("transaction " + i + " claims " + len + " bytes, " + in.remaining() + " remain");
      }
      byte[] tx = new byte[len];
      in.get(tx);
      txs.add(tx);
    }
    if (in.hasRemaining()) {
      throw new DecodeException(in.remaining() + " trailing bytes after " + count + " transactions");
    }
    return new LogEntry.TxBatchEntry(txs);
  }

  private static int readLength(ByteBuffer in, String what) throws DecodeException {
    if (in.remaining() < LENGTH_BYTES) {
      throw new DecodeException("truncated " + what);
    }
    int value = in.getInt();
    if (value < 0) {
      throw new DecodeException(what + " is negative");
    }
    return value;
  }
}
