package dev.raftseq.producer.entry;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.pool.TxRejection;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RawTx;
import dev.raftseq.chain.types.Header;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte format of the sequencer's log entries.
 *
 * <pre>
 *   FULL_BLOCK  = 0x01 || rlp(block)
 *   TX_BATCH_V1 = 0x02 || u32 n || n * (u32 len || tx)                       (read only: no senders)
 *   TX_BATCH    = 0x03 || u32 n || n * (sender[20] || u32 len || tx)
 *   BLOCK_REF   = 0x04 || u32 len || rlp(header) || u32 n || n * txHash[32]
 *   DROP_TXS    = 0x05 || u32 n || n * (txHash[32] || u8 len || reason name (ASCII))
 * </pre>
 *
 * All integers are big-endian. Decoding is strict and bounded: every count and length is checked
 * against the bytes that remain before anything is allocated, so a corrupt entry costs at most its
 * own size, and any deviation (unknown type, truncation, trailing bytes, an empty batch) is a
 * {@link DecodeException}, never a partial result. Hand-written rather than RLP: it is a handful of
 * fixed-width fields, and the senders and hashes are copied without per-item headers.
 */
public final class EntryCodec {
  public static final byte TYPE_FULL_BLOCK = 0x01;
  public static final byte TYPE_TX_BATCH_V1 = 0x02;
  public static final byte TYPE_TX_BATCH = 0x03;
  public static final byte TYPE_BLOCK_REF = 0x04;
  public static final byte TYPE_DROP_TXS = 0x05;

  /** Hard cap of one entry. */
  public static final int MAX_ENTRY_BYTES = 64 * 1024 * 1024;
  /** Hard cap of items (transactions, hashes, drops) in one entry. */
  public static final int MAX_ITEMS = 65_536;

  private static final int U32 = Integer.BYTES;
  /** Type byte and transaction count in front of a batch's transactions. */
  public static final int BATCH_HEADER_BYTES = 1 + U32;

  private EntryCodec() {}

  /** Bytes one transaction adds to a {@code TX_BATCH} entry. */
  public static int batchItemBytes(byte[] rawTx) {
    return Address.LENGTH + U32 + rawTx.length;
  }

  public static byte[] encode(LogEntry entry) {
    if (entry instanceof LogEntry.TxBatch b) {
      return encodeTxBatch(b);
    }
    if (entry instanceof LogEntry.BlockRef r) {
      return encodeBlockRef(r);
    }
    if (entry instanceof LogEntry.FullBlock f) {
      return prefixed(TYPE_FULL_BLOCK, f.encodedBlock());
    }
    return encodeDrops((LogEntry.DropTxs) entry);
  }

  private static byte[] encodeTxBatch(LogEntry.TxBatch batch) {
    checkCount(batch.txs().size());
    long size = BATCH_HEADER_BYTES;
    for (RawTx tx : batch.txs()) {
      if (!tx.hasSender()) {
        throw new IllegalArgumentException("a replicated transaction needs its sender");
      }
      if (tx.raw().length == 0) {
        throw new IllegalArgumentException("empty transaction in batch");
      }
      size += batchItemBytes(tx.raw());
    }
    ByteBuffer out = allocate(size);
    out.put(TYPE_TX_BATCH).putInt(batch.txs().size());
    for (RawTx tx : batch.txs()) {
      out.put(tx.sender().unsafeBytes()).putInt(tx.raw().length).put(tx.raw());
    }
    return out.array();
  }

  private static byte[] encodeBlockRef(LogEntry.BlockRef ref) {
    checkCount(ref.txHashes().size());
    byte[] header = BlockCodec.encodeHeader(ref.header());
    ByteBuffer out = allocate(1L + U32 + header.length + U32 + (long) Hash.LENGTH * ref.txHashes().size());
    out.put(TYPE_BLOCK_REF).putInt(header.length).put(header).putInt(ref.txHashes().size());
    for (Hash h : ref.txHashes()) {
      out.put(h.unsafeBytes());
    }
    return out.array();
  }

  private static byte[] encodeDrops(LogEntry.DropTxs drops) {
    checkCount(drops.drops().size());
    long size = 1L + U32;
    List<byte[]> names = new ArrayList<>(drops.drops().size());
    for (LogEntry.Drop d : drops.drops()) {
      byte[] name = d.reason().name().getBytes(StandardCharsets.US_ASCII);
      names.add(name);
      size += Hash.LENGTH + 1 + name.length;
    }
    ByteBuffer out = allocate(size);
    out.put(TYPE_DROP_TXS).putInt(drops.drops().size());
    for (int i = 0; i < names.size(); i++) {
      out.put(drops.drops().get(i).hash().unsafeBytes()).put((byte) names.get(i).length).put(names.get(i));
    }
    return out.array();
  }

  private static byte[] prefixed(byte type, byte[] body) {
    if (body.length == 0) {
      throw new IllegalArgumentException("empty entry body");
    }
    ByteBuffer out = allocate(1L + body.length);
    return out.put(type).put(body).array();
  }

  private static void checkCount(int n) {
    if (n > MAX_ITEMS) {
      throw new IllegalArgumentException("entry of " + n + " items exceeds " + MAX_ITEMS);
    }
  }

  private static ByteBuffer allocate(long size) {
    if (size > MAX_ENTRY_BYTES) {
      throw new IllegalArgumentException("entry of " + size + " bytes exceeds " + MAX_ENTRY_BYTES);
    }
    return ByteBuffer.allocate((int) size);
  }

  /**
   * Checks that {@code entry} would decode, without building it: the structure (type, counts,
   * lengths, no trailing bytes) is walked in place. Cheaper than {@link #decode} for a leader that
   * only screens what it appends; the apply path still decodes (and may refuse) every item.
   */
  public static void validate(byte[] entry) throws DecodeException {
    if (entry.length == 0) {
      throw new DecodeException("empty log entry");
    }
    if (entry.length > MAX_ENTRY_BYTES) {
      throw new DecodeException("log entry of " + entry.length + " bytes exceeds " + MAX_ENTRY_BYTES);
    }
    if (entry[0] != TYPE_TX_BATCH) {
      decode(entry); // blocks, drops and legacy batches are small or rare
      return;
    }
    ByteBuffer in = ByteBuffer.wrap(entry, 1, entry.length - 1);
    int count = readCount(in, "transaction count", Address.LENGTH + U32 + 1);
    if (count == 0) {
      throw new DecodeException("transaction batch is empty");
    }
    for (int i = 0; i < count; i++) {
      require(in, Address.LENGTH, "sender of transaction " + i);
      in.position(in.position() + Address.LENGTH);
      int len = readLength(in, "length of transaction " + i);
      if (len == 0) {
        throw new DecodeException("transaction " + i + " is empty");
      }
      require(in, len, "transaction " + i);
      in.position(in.position() + len);
    }
    if (in.hasRemaining()) {
      throw new DecodeException(in.remaining() + " trailing bytes after the entry");
    }
  }

  public static LogEntry decode(byte[] entry) throws DecodeException {
    if (entry.length == 0) {
      throw new DecodeException("empty log entry");
    }
    if (entry.length > MAX_ENTRY_BYTES) {
      throw new DecodeException("log entry of " + entry.length + " bytes exceeds " + MAX_ENTRY_BYTES);
    }
    ByteBuffer in = ByteBuffer.wrap(entry, 1, entry.length - 1);
    LogEntry out = switch (entry[0]) {
      case TYPE_FULL_BLOCK -> decodeFullBlock(in);
      case TYPE_TX_BATCH_V1 -> decodeTxBatch(in, false);
      case TYPE_TX_BATCH -> decodeTxBatch(in, true);
      case TYPE_BLOCK_REF -> decodeBlockRef(in);
      case TYPE_DROP_TXS -> decodeDrops(in);
      default -> throw new DecodeException(String.format("unknown log entry type 0x%02x", entry[0] & 0xff));
    };
    if (in.hasRemaining()) {
      throw new DecodeException(in.remaining() + " trailing bytes after the entry");
    }
    return out;
  }

  private static LogEntry decodeFullBlock(ByteBuffer in) throws DecodeException {
    if (!in.hasRemaining()) {
      throw new DecodeException("block entry without block bytes");
    }
    return new LogEntry.FullBlock(take(in, in.remaining()));
  }

  private static LogEntry decodeTxBatch(ByteBuffer in, boolean withSenders) throws DecodeException {
    int count = readCount(in, "transaction count", (withSenders ? Address.LENGTH : 0) + U32 + 1);
    if (count == 0) {
      throw new DecodeException("transaction batch is empty");
    }
    List<RawTx> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Address sender = null;
      if (withSenders) {
        require(in, Address.LENGTH, "sender of transaction " + i);
        sender = new Address(take(in, Address.LENGTH));
      }
      int len = readLength(in, "length of transaction " + i);
      if (len == 0) {
        throw new DecodeException("transaction " + i + " is empty");
      }
      require(in, len, "transaction " + i);
      txs.add(new RawTx(take(in, len), sender));
    }
    return new LogEntry.TxBatch(txs);
  }

  private static LogEntry decodeBlockRef(ByteBuffer in) throws DecodeException {
    int headerLen = readLength(in, "header length");
    require(in, headerLen, "header");
    Header header = BlockCodec.decodeHeader(take(in, headerLen));
    int count = readCount(in, "transaction hash count", Hash.LENGTH);
    List<Hash> hashes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      hashes.add(new Hash(take(in, Hash.LENGTH)));
    }
    return new LogEntry.BlockRef(header, hashes);
  }

  private static LogEntry decodeDrops(ByteBuffer in) throws DecodeException {
    int count = readCount(in, "drop count", Hash.LENGTH + 1);
    if (count == 0) {
      throw new DecodeException("drop entry is empty");
    }
    List<LogEntry.Drop> drops = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      require(in, Hash.LENGTH + 1, "drop " + i);
      Hash hash = new Hash(take(in, Hash.LENGTH));
      int nameLen = in.get() & 0xff;
      require(in, nameLen, "reason of drop " + i);
      String name = new String(take(in, nameLen), StandardCharsets.US_ASCII);
      TxRejection reason;
      try {
        reason = TxRejection.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw new DecodeException("drop " + i + " has an unknown reason '" + name + "'");
      }
      drops.add(new LogEntry.Drop(hash, reason));
    }
    return new LogEntry.DropTxs(drops);
  }

  /** A count whose items need at least {@code minItemBytes} each: impossible counts fail before allocating. */
  private static int readCount(ByteBuffer in, String what, int minItemBytes) throws DecodeException {
    int count = readLength(in, what);
    if (count > MAX_ITEMS) {
      throw new DecodeException(what + " " + count + " exceeds " + MAX_ITEMS);
    }
    if ((long) count * minItemBytes > in.remaining()) {
      throw new DecodeException(what + " " + count + " does not fit in " + in.remaining() + " bytes");
    }
    return count;
  }

  private static int readLength(ByteBuffer in, String what) throws DecodeException {
    require(in, U32, what);
    int value = in.getInt();
    if (value < 0) {
      throw new DecodeException(what + " is negative");
    }
    return value;
  }

  private static void require(ByteBuffer in, int n, String what) throws DecodeException {
    if (n > in.remaining()) {
      throw new DecodeException("truncated " + what + ": needs " + n + " bytes, " + in.remaining() + " remain");
    }
  }

  private static byte[] take(ByteBuffer in, int n) {
    byte[] out = new byte[n];
    in.get(out);
    return out;
  }
}
