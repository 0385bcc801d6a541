package dev.raftseq.chain.codec;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Log;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.TxType;
import java.util.ArrayList;
import java.util.List;

/**
 * Ethereum encodings of headers, blocks and receipts. A block is rlp([header, [tx...], [], []])
 * (ommers and withdrawals empty), where each tx is its EIP-2718 envelope (typed ones as RLP
 * strings). Used for storage, Raft log entries and p2p.
 *
 * <p>Headers always carry the 20 fields of a Cancun header. Decoding is strict (canonical RLP,
 * exact field count, fixed sizes, no trailing bytes), so {@code encode(decode(x)) == x}.
 */
public final class BlockCodec {
  private static final int HEADER_FIELDS = 20;

  private BlockCodec() {}

  public static byte[] encodeHeader(Header h) {
    return encodeHeader(h, h.extraData());
  }

  /** The header's RLP with {@code extraData} replaced (for the seal hash). */
  static byte[] encodeHeader(Header h, byte[] extraData) {
    RlpWriter w = new RlpWriter(640);
    w.startList()
        .writeHash(h.parentHash())
        .writeHash(h.ommersHash())
        .writeAddress(h.coinbase())
        .writeHash(h.stateRoot())
        .writeHash(h.transactionsRoot())
        .writeHash(h.receiptsRoot())
        .writeBytes(h.logsBloom())
        .writeLong(h.difficulty())
        .writeLong(h.number())
        .writeLong(h.gasLimit())
        .writeLong(h.gasUsed())
        .writeLong(h.timestamp())
        .writeBytes(extraData)
        .writeHash(h.mixHash())
        .writeBytes(nonceBytes(h.nonce()))
        .writeWei(h.baseFeePerGas())
        .writeHash(h.withdrawalsRoot())
        .writeLong(h.blobGasUsed())
        .writeLong(h.excessBlobGas())
        .writeHash(h.parentBeaconBlockRoot())
        .endList();
    return w.toByteArray();
  }

  public static Header decodeHeader(byte[] rlp) throws DecodeException {
    RlpReader top = RlpReader.of(rlp);
    Header h = readHeader(top);
    top.requireEnd("header");
    return h;
  }

  private static Header readHeader(RlpReader outer) throws DecodeException {
    RlpReader r = outer.readList("header");
    Header h = new Header(
        r.readHash("parentHash"),
        r.readHash("ommersHash"),
        r.readAddress("coinbase"),
        r.readHash("stateRoot"),
        r.readHash("transactionsRoot"),
        r.readHash("receiptsRoot"),
        r.readFixedBytes("logsBloom", Header.BLOOM_BYTES),
        r.readLong("difficulty"),
        r.readLong("number"),
        r.readLong("gasLimit"),
        r.readLong("gasUsed"),
        r.readLong("timestamp"),
        r.readBytes("extraData"),
        r.readHash("mixHash"),
        nonceOf(r.readFixedBytes("nonce", 8)),
        r.readWei("baseFeePerGas"),
        r.readHash("withdrawalsRoot"),
        r.readLong("blobGasUsed"),
        r.readLong("excessBlobGas"),
        r.readHash("parentBeaconBlockRoot"));
    r.requireEnd("header (expected " + HEADER_FIELDS + " fields)");
    return h;
  }

  public static Hash hash(Header h) {
    return Keccak.hash(encodeHeader(h));
  }

  /** Builds the block record, computing its hash. */
  public static Block block(Header h, List<RecoveredTx> txs) {
    return new Block(h, txs, hash(h));
  }

  public static byte[] encodeBlock(Block b) {
    byte[] header = encodeHeader(b.header());
    int estimate = header.length + 16;
    for (RecoveredTx tx : b.transactions()) {
      estimate += tx.unsafeEncoded().length + 4;
    }
    RlpWriter w = new RlpWriter(estimate);
    w.startList().writeRaw(header).startList();
    for (RecoveredTx tx : b.transactions()) {
      byte[] enc = tx.unsafeEncoded();
      if (tx.tx().type() == TxType.LEGACY) {
        w.writeRaw(enc);
      } else {
        w.writeBytes(enc);
      }
    }
    w.endList().startList().endList().startList().endList().endList();
    return w.toByteArray();
  }

  /**
   * Decodes a block, recovering every sender; {@code chainId} is enforced on each transaction.
   */
  public static Block decodeBlock(byte[] rlp, long chainId) throws DecodeException {
    return decodeBlock(rlp, chainId, null);
  }

  /**
   * Decodes a block whose senders are already known (stored beside it by this node), so no
   * signature is recovered; every other check is the same.
   *
   * @param senders one per transaction in order, or null to recover them
   */
  public static Block decodeBlock(byte[] rlp, long chainId, List<Address> senders) throws DecodeException {
    RlpReader top = RlpReader.of(rlp);
    RlpReader body = top.readList("block");
    top.requireEnd("block");
    int headerStart = body.position();
    Header header = readHeader(body);
    // the reader accepts only canonical RLP, so the input slice is the header's encoding
    Hash hash = new Hash(Keccak.digest(rlp, headerStart, body.position() - headerStart));

    RlpReader txs = body.readList("transactions");
    List<RecoveredTx> out = new ArrayList<>();
    while (txs.hasNext()) {
      byte[] envelope;
      if (txs.nextIsList()) {
        envelope = txs.readRaw();
      } else {
        envelope = txs.readBytes("typed transaction");
        if (envelope.length == 0 || (envelope[0] & 0xff) >= 0x80) {
          throw new DecodeException("transaction " + out.size() + ": a string must hold a typed transaction");
        }
      }
      try {
        if (senders == null) {
          out.add(TransactionCodec.decodeStrict(envelope, chainId));
        } else if (out.size() < senders.size()) {
          out.add(TransactionCodec.decodeWithSender(envelope, chainId, senders.get(out.size())));
        } else {
          throw new DecodeException("more transactions than the " + senders.size() + " senders given");
        }
      } catch (DecodeException e) {
        throw new DecodeException("transaction " + out.size() + ": " + e.getMessage());
      }
    }
    if (body.readList("ommers").hasNext()) {
      throw new DecodeException("block has ommers");
    }
    if (body.readList("withdrawals").hasNext()) {
      throw new DecodeException("block has withdrawals");
    }
    body.requireEnd("block (expected header, transactions, ommers, withdrawals)");
    if (senders != null && senders.size() != out.size()) {
      throw new DecodeException(senders.size() + " senders given for " + out.size() + " transactions");
    }
    return new Block(header, out, hash);
  }

  /** EIP-2718 receipt envelope as it goes into the receipts trie. */
  public static byte[] encodeReceipt(Receipt r) {
    RlpWriter w = new RlpWriter(300 + 100 * r.logs().size());
    if (r.type() != TxType.LEGACY) {
      w.writeRaw(new byte[] {(byte) r.type().code()});
    }
    w.startList()
        .writeLong(r.success() ? 1 : 0)
        .writeLong(r.cumulativeGasUsed())
        .writeBytes(r.logsBloom())
        .startList();
    for (Log log : r.logs()) {
      w.startList().writeAddress(log.address()).startList();
      for (Hash topic : log.topics()) {
        w.writeHash(topic);
      }
      w.endList().writeBytes(log.data()).endList();
    }
    w.endList().endList();
    return w.toByteArray();
  }

  public static Receipt decodeReceipt(byte[] bytes) throws DecodeException {
    if (bytes.length == 0) {
      throw new DecodeException("empty receipt");
    }
    int b0 = bytes[0] & 0xff;
    TxType type;
    RlpReader top;
    if (b0 >= 0xc0) {
      type = TxType.LEGACY;
      top = RlpReader.of(bytes);
    } else if (b0 == TxType.ACCESS_LIST.code() || b0 == TxType.EIP1559.code()) {
      type = TxType.of(b0);
      top = new RlpReader(bytes, 1, bytes.length);
    } else {
      throw new DecodeException("unsupported receipt type " + b0);
    }
    RlpReader r = top.readList("receipt");
    top.requireEnd("receipt");
    long status = r.readLong("status");
    if (status > 1) {
      throw new DecodeException("receipt status must be 0 or 1, got " + status);
    }
    long cumulativeGas = r.readLong("cumulativeGasUsed");
    byte[] bloom = r.readFixedBytes("logsBloom", Header.BLOOM_BYTES);
    RlpReader logsReader = r.readList("logs");
    List<Log> logs = new ArrayList<>();
    while (logsReader.hasNext()) {
      RlpReader l = logsReader.readList("log");
      Address address = l.readAddress("log address");
      RlpReader topicsReader = l.readList("log topics");
      List<Hash> topics = new ArrayList<>();
      while (topicsReader.hasNext()) {
        topics.add(topicsReader.readHash("log topic"));
      }
      byte[] data = l.readBytes("log data");
      l.requireEnd("log");
      logs.add(new Log(address, topics, data));
    }
    r.requireEnd("receipt");
    return new Receipt(type, status == 1, cumulativeGas, bloom, logs);
  }

  /** 2048-bit log bloom of logs (Ethereum's m3:2048 filter). */
  public static byte[] bloom(List<dev.raftseq.chain.types.Log> logs) {
    byte[] bloom = new byte[Header.BLOOM_BYTES];
    for (Log log : logs) {
      addToBloom(bloom, log.address().unsafeBytes());
      for (Hash topic : log.topics()) {
        addToBloom(bloom, topic.unsafeBytes());
      }
    }
    return bloom;
  }

  /** The block's bloom: the union of its receipts' blooms. */
  public static byte[] bloomOfReceipts(List<Receipt> receipts) {
    byte[] bloom = new byte[Header.BLOOM_BYTES];
    for (Receipt r : receipts) {
      byte[] b = r.logsBloom();
      for (int i = 0; i < bloom.length; i++) {
        bloom[i] |= b[i];
      }
    }
    return bloom;
  }

  /** Sets the three bits chosen by keccak(value): the low 11 bits of hash byte pairs 0-1, 2-3, 4-5. */
  private static void addToBloom(byte[] bloom, byte[] value) {
    byte[] h = Keccak.digest(value);
    for (int i = 0; i < 6; i += 2) {
      int bit = (((h[i] & 0xff) << 8) | (h[i + 1] & 0xff)) & 2047;
      bloom[Header.BLOOM_BYTES - 1 - (bit >>> 3)] |= (byte) (1 << (bit & 7));
    }
  }

  private static byte[] nonceBytes(long nonce) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) nonce;
      nonce >>>= 8;
    }
    return b;
  }

  private static long nonceOf(byte[] b) {
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xff);
    }
    return v;
  }

  /** A header with only {@code extraData} replaced. */
  public static Header withExtraData(Header h, byte[] extraData) {
    return new Header(h.parentHash(), h.ommersHash(), h.coinbase(), h.stateRoot(), h.transactionsRoot(),
        h.receiptsRoot(), h.logsBloom(), h.difficulty(), h.number(), h.gasLimit(), h.gasUsed(), h.timestamp(),
        extraData, h.mixHash(), h.nonce(), h.baseFeePerGas(), h.withdrawalsRoot(), h.blobGasUsed(),
        h.excessBlobGas(), h.parentBeaconBlockRoot());
  }
}
