package dev.raftseq.chain.codec;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.crypto.Secp256k1;
import dev.raftseq.chain.rlp.RlpReader;
import dev.raftseq.chain.rlp.RlpWriter;
import dev.raftseq.chain.types.AccessTuple;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Signature;
import dev.raftseq.chain.types.Transaction;
import dev.raftseq.chain.types.TxType;
import dev.raftseq.chain.types.Wei;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Encoding, strict decoding, signing hashes and sender recovery of transactions.
 *
 * <p>Decoding never re-encodes: the reader accepts only canonical RLP, so the input already is the
 * canonical encoding, and the signing hash is computed over slices of the input.
 *
 * <p>Range limits beyond the protocol's: nonce, gas limit and chain id must fit a Java
 * {@code long} (nonce and gas limit at most 2^63-1; chain id at most {@link #MAX_CHAIN_ID} so the
 * legacy {@code v} fits a long too).
 */
public final class TransactionCodec {
  /** Larger raw transactions are rejected before parsing (geth's txMaxSize). */
  public static final int MAX_TX_BYTES = 128 * 1024;
  /** Largest chain id accepted: legacy {@code v = 2*chainId + 36} must still fit a long. */
  public static final long MAX_CHAIN_ID = (Long.MAX_VALUE - 36) / 2;

  private static final BigInteger V27 = BigInteger.valueOf(27);
  private static final byte[] NO_BYTES = new byte[0];
  private static final long NO_CHAIN_CHECK = -1;

  private TransactionCodec() {}

  /**
   * Decodes bytes from a stranger (eth_sendRawTransaction, p2p): rejects trailing bytes,
   * non-canonical RLP, leading zeros in integers, high-s (EIP-2), a chain id other than
   * {@code expectedChainId} or a missing one (pre-EIP-155), oversize input, fields out of range.
   * Re-encoding the result gives exactly {@code raw}.
   */
  public static RecoveredTx decodeStrict(byte[] raw, long expectedChainId) throws DecodeException {
    if (expectedChainId < 0) {
      throw new IllegalArgumentException("chain id must be non-negative");
    }
    return decode(raw, expectedChainId);
  }

  /** Same strictness but any chain id, pre-EIP-155 legacy allowed (for test vectors and replay). */
  public static RecoveredTx decode(byte[] raw) throws DecodeException {
    return decode(raw, NO_CHAIN_CHECK, null);
  }

  /**
   * {@link #decodeStrict} for a transaction whose sender another member of the consensus group
   * already recovered and replicated with it: every check but the signature recovery, which is
   * the costly part (the replicated log is trusted; external nodes still recover).
   */
  public static RecoveredTx decodeWithSender(byte[] raw, long expectedChainId, Address sender)
      throws DecodeException {
    if (expectedChainId < 0) {
      throw new IllegalArgumentException("chain id must be non-negative");
    }
    return decode(raw, expectedChainId, Objects.requireNonNull(sender, "sender"));
  }

  private static RecoveredTx decode(byte[] raw, long expectedChainId) throws DecodeException {
    return decode(raw, expectedChainId, null);
  }

  private static RecoveredTx decode(byte[] raw, long expectedChainId, Address knownSender) throws DecodeException {
    if (raw == null || raw.length == 0) {
      throw new DecodeException("empty transaction");
    }
    if (raw.length > MAX_TX_BYTES) {
      throw new DecodeException("oversized transaction: " + raw.length + " bytes, limit " + MAX_TX_BYTES);
    }
    int b0 = raw[0] & 0xff;
    if (b0 >= 0xc0) {
      return decodeLegacy(raw, expectedChainId, knownSender);
    }
    if (b0 == TxType.ACCESS_LIST.code() || b0 == TxType.EIP1559.code()) {
      return decodeTyped(raw, TxType.of(b0), expectedChainId, knownSender);
    }
    if (b0 < 0x80) {
      throw new DecodeException("unsupported transaction type " + b0);
    }
    throw new DecodeException("not a transaction: an RLP string where a list or type byte was expected");
  }

  private static RecoveredTx decodeLegacy(byte[] raw, long expectedChainId, Address knownSender)
      throws DecodeException {
    RlpReader top = RlpReader.of(raw);
    RlpReader l = top.readList("legacy transaction");
    top.requireEnd("legacy transaction");
    int fieldsStart = l.position();
    long nonce = l.readLong("nonce");
    Wei gasPrice = l.readWei("gasPrice");
    long gasLimit = l.readLong("gasLimit");
    Address to = readTo(l);
    Wei value = l.readWei("value");
    byte[] data = l.readBytes("data");
    int fieldsEnd = l.position();
    BigInteger v = l.readUInt256("v");
    BigInteger r = l.readUInt256("r");
    BigInteger s = l.readUInt256("s");
    l.requireEnd("legacy transaction");

    Long chainId;
    int recId;
    long vv = v.bitLength() < 64 ? v.longValue() : -1;
    if (vv == 27 || vv == 28) {
      chainId = null;
      recId = (int) (vv - 27);
    } else if (vv >= 35) {
      long id = (vv - 35) >>> 1;
      if (id > MAX_CHAIN_ID) {
        throw new DecodeException("invalid chain id: " + id + " exceeds " + MAX_CHAIN_ID);
      }
      chainId = id;
      recId = (int) ((vv - 35) & 1);
    } else {
      throw new DecodeException("invalid chain id: legacy v " + v + " is neither 27/28 nor 2*chainId+35/36");
    }
    checkChainId(chainId, expectedChainId);
    checkSignatureValues(r, s);

    Transaction tx = new Transaction(TxType.LEGACY, chainId, nonce, gasPrice, gasPrice, gasLimit, to, value,
        data, List.of(), new Signature(v, r, s));
    if (knownSender != null) {
      return new RecoveredTx(tx, raw, new Hash(Keccak.digest(raw)), knownSender);
    }
    byte[] signingHash = legacySigningHash(raw, fieldsStart, fieldsEnd, chainId);
    return recovered(tx, raw, signingHash, r, s, recId);
  }

  private static RecoveredTx decodeTyped(byte[] raw, TxType type, long expectedChainId, Address knownSender)
      throws DecodeException {
    RlpReader top = new RlpReader(raw, 1, raw.length);
    String what = type == TxType.EIP1559 ? "EIP-1559 transaction" : "EIP-2930 transaction";
    RlpReader l = top.readList(what);
    top.requireEnd(what);
    int fieldsStart = l.position();
    long chainId = l.readLong("chainId");
    if (chainId > MAX_CHAIN_ID) {
      throw new DecodeException("invalid chain id: " + chainId + " exceeds " + MAX_CHAIN_ID);
    }
    checkChainId(chainId, expectedChainId);
    long nonce = l.readLong("nonce");
    Wei maxPriorityFee;
    Wei maxFee;
    if (type == TxType.EIP1559) {
      maxPriorityFee = l.readWei("maxPriorityFeePerGas");
      maxFee = l.readWei("maxFeePerGas");
    } else {
      maxFee = l.readWei("gasPrice");
      maxPriorityFee = maxFee;
    }
    long gasLimit = l.readLong("gasLimit");
    Address to = readTo(l);
    Wei value = l.readWei("value");
    byte[] data = l.readBytes("data");
    List<AccessTuple> accessList = readAccessList(l);
    int fieldsEnd = l.position();
    long yParity = l.readLong("yParity");
    BigInteger r = l.readUInt256("r");
    BigInteger s = l.readUInt256("s");
    l.requireEnd(what);

    if (yParity > 1) {
      throw new DecodeException("invalid signature: yParity " + yParity + " is not 0 or 1");
    }
    if (maxPriorityFee.compareTo(maxFee) > 0) {
      throw new DecodeException("max priority fee per gas higher than max fee per gas: "
          + maxPriorityFee + " > " + maxFee);
    }
    checkSignatureValues(r, s);

    Transaction tx = new Transaction(type, chainId, nonce, maxPriorityFee, maxFee, gasLimit, to, value, data,
        accessList, new Signature(BigInteger.valueOf(yParity), r, s));
    if (knownSender != null) {
      return new RecoveredTx(tx, raw, new Hash(Keccak.digest(raw)), knownSender);
    }
    KeccakDigest d = new KeccakDigest(256);
    d.update((byte) type.code());
    updateWithList(d, raw, fieldsStart, fieldsEnd, NO_BYTES);
    byte[] signingHash = finish(d);
    return recovered(tx, raw, signingHash, r, s, (int) yParity);
  }

  private static Address readTo(RlpReader l) throws DecodeException {
    byte[] to = l.readBytes("to");
    if (to.length == 0) {
      return null;
    }
    if (to.length != 20) {
      throw new DecodeException("to: address must be 20 bytes (or empty for creation), got " + to.length);
    }
    return new Address(to);
  }

  private static List<AccessTuple> readAccessList(RlpReader l) throws DecodeException {
    RlpReader list = l.readList("accessList");
    if (!list.hasNext()) {
      return List.of();
    }
    List<AccessTuple> out = new ArrayList<>();
    while (list.hasNext()) {
      RlpReader entry = list.readList("access list entry");
      Address address = entry.readAddress("access list address");
      RlpReader keys = entry.readList("access list storage keys");
      entry.requireEnd("access list entry");
      List<Hash> slots = new ArrayList<>();
      while (keys.hasNext()) {
        slots.add(keys.readHash("access list storage key"));
      }
      out.add(new AccessTuple(address, slots));
    }
    return out;
  }

  private static void checkChainId(Long chainId, long expected) throws DecodeException {
    if (expected == NO_CHAIN_CHECK) {
      return;
    }
    if (chainId == null) {
      throw new DecodeException("only replay-protected (EIP-155) transactions allowed: chain id missing");
    }
    if (chainId != expected) {
      throw new DecodeException("invalid chain id: expected " + expected + ", got " + chainId);
    }
  }

  private static void checkSignatureValues(BigInteger r, BigInteger s) throws DecodeException {
    if (r.signum() == 0 || r.compareTo(Secp256k1.N) >= 0) {
      throw new DecodeException("invalid signature: r is zero or not below the curve order");
    }
    if (s.signum() == 0 || s.compareTo(Secp256k1.N) >= 0) {
      throw new DecodeException("invalid signature: s is zero or not below the curve order");
    }
    if (s.compareTo(Secp256k1.HALF_N) > 0) {
      throw new DecodeException("invalid signature: s above n/2 (EIP-2 requires low s)");
    }
  }

  private static RecoveredTx recovered(Transaction tx, byte[] raw, byte[] signingHash, BigInteger r,
      BigInteger s, int recId) throws DecodeException {
    byte[] compact = new byte[64];
    putBytes32(r, compact, 0);
    putBytes32(s, compact, 32);
    Address sender;
    try {
      sender = Secp256k1.recoverAddress(signingHash, compact, recId);
    } catch (IllegalArgumentException e) {
      throw new DecodeException("invalid signature: sender recovery failed");
    }
    return new RecoveredTx(tx, raw, new Hash(Keccak.digest(raw)), sender);
  }

  private static byte[] legacySigningHash(byte[] raw, int fieldsStart, int fieldsEnd, Long chainId) {
    KeccakDigest d = new KeccakDigest(256);
    byte[] tail = NO_BYTES;
    if (chainId != null) {
      // EIP-155: rlp([nonce, gasPrice, gasLimit, to, value, data, chainId, 0, 0])
      tail = new RlpWriter(16).writeLong(chainId).writeLong(0).writeLong(0).toByteArray();
    }
    updateWithList(d, raw, fieldsStart, fieldsEnd, tail);
    return finish(d);
  }

  /** Feeds rlp-list-header || raw[from, to) || tail, i.e. a list of already-encoded items. */
  private static void updateWithList(KeccakDigest d, byte[] raw, int from, int to, byte[] tail) {
    byte[] header = new byte[9];
    int payload = to - from + tail.length;
    int h = RlpWriter.writeHeader(header, 0, 0xc0, payload);
    d.update(header, 0, h);
    d.update(raw, from, to - from);
    d.update(tail, 0, tail.length);
  }

  private static byte[] finish(KeccakDigest d) {
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /** Writes an integer below 2^256 as 32 big-endian bytes. */
  private static void putBytes32(BigInteger v, byte[] dst, int off) {
    byte[] b = v.toByteArray();
    int n = Math.min(b.length, 32);
    System.arraycopy(b, b.length - n, dst, off + 32 - n, n);
  }

  /** The canonical EIP-2718 encoding (type byte || rlp payload, or the legacy RLP list). */
  public static byte[] encode(Transaction tx) {
    Signature sig = Objects.requireNonNull(tx.signature(), "transaction is not signed");
    RlpWriter w = writeUnsigned(tx, false);
    w.writeBigInteger(sig.v()).writeBigInteger(sig.r()).writeBigInteger(sig.s()).endList();
    return w.toByteArray();
  }

  /** The hash the sender signs. */
  public static Hash signingHash(Transaction tx) {
    RlpWriter w = writeUnsigned(tx, true);
    if (tx.type() == TxType.LEGACY && tx.chainId() != null) {
      w.writeLong(tx.chainId()).writeLong(0).writeLong(0);
    }
    return Keccak.hash(w.endList().toByteArray());
  }

  /**
   * Writes the type byte (typed transactions), opens the list and writes every field before the
   * signature; the list is left open.
   */
  private static RlpWriter writeUnsigned(Transaction tx, boolean forSigning) {
    int estimate = tx.dataLength() + 64 * tx.accessList().size() + 192;
    RlpWriter w = new RlpWriter(estimate);
    if (tx.type() == TxType.LEGACY) {
      w.startList().writeLong(tx.nonce()).writeWei(tx.maxFeePerGas());
    } else {
      Long chainId = Objects.requireNonNull(tx.chainId(), "typed transactions need a chain id");
      w.writeRaw(new byte[] {(byte) tx.type().code()}).startList().writeLong(chainId).writeLong(tx.nonce());
      if (tx.type() == TxType.EIP1559) {
        w.writeWei(tx.maxPriorityFeePerGas());
      }
      w.writeWei(tx.maxFeePerGas());
    }
    w.writeLong(tx.gasLimit()).writeAddress(tx.to()).writeWei(tx.value()).writeBytes(tx.data());
    if (tx.type() != TxType.LEGACY) {
      w.startList();
      for (AccessTuple t : tx.accessList()) {
        w.startList().writeAddress(t.address()).startList();
        for (Hash k : t.storageKeys()) {
          w.writeHash(k);
        }
        w.endList().endList();
      }
      w.endList();
    }
    return w;
  }

  /** Signs an unsigned transaction (its signature field is ignored) and recovers it. */
  public static RecoveredTx sign(Transaction unsigned, byte[] privateKey) {
    byte[] sig = Secp256k1.sign(signingHash(unsigned), privateKey);
    int recId = sig[64];
    BigInteger v;
    if (unsigned.type() != TxType.LEGACY) {
      v = BigInteger.valueOf(recId);
    } else if (unsigned.chainId() == null) {
      v = V27.add(BigInteger.valueOf(recId));
    } else {
      v = BigInteger.valueOf(unsigned.chainId()).shiftLeft(1).add(BigInteger.valueOf(35L + recId));
    }
    Signature signature = new Signature(v, new BigInteger(1, sig, 0, 32), new BigInteger(1, sig, 32, 32));
    Transaction tx = withSignature(unsigned, signature);
    byte[] encoded = encode(tx);
    Address sender = Secp256k1.addressOf(Secp256k1.publicKey(privateKey));
    return new RecoveredTx(tx, encoded, Keccak.hash(encoded), sender);
  }

  /** A copy of {@code tx} carrying {@code signature}. */
  public static Transaction withSignature(Transaction tx, Signature signature) {
    return new Transaction(tx.type(), tx.chainId(), tx.nonce(), tx.maxPriorityFeePerGas(), tx.maxFeePerGas(),
        tx.gasLimit(), tx.to(), tx.value(), tx.data(), tx.accessList(), signature);
  }
}
