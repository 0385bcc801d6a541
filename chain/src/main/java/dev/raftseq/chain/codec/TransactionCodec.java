package dev.raftseq.chain.codec;

import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Transaction;

/** Encoding, strict decoding, signing hashes and sender recovery of transactions. */
public final class TransactionCodec {
  /** Larger raw transactions are rejected before parsing (geth's txMaxSize). */
  public static final int MAX_TX_BYTES = 128 * 1024;

  private TransactionCodec() {}

  /**
   * Decodes bytes from a stranger (eth_sendRawTransaction, p2p): rejects trailing bytes,
   * non-canonical RLP, leading zeros in integers, high-s (EIP-2), a chain id other than
   * {@code expectedChainId} or a missing one (pre-EIP-155), oversize input, fields out of range.
   * Re-encoding the result gives exactly {@code raw}.
   */
  public static RecoveredTx decodeStrict(byte[] raw, long expectedChainId) throws DecodeException {
    throw new UnsupportedOperationException("TODO");
  }

  /** Same strictness but any chain id, pre-EIP-155 legacy allowed (for test vectors and replay). */
  public static RecoveredTx decode(byte[] raw) throws DecodeException {
    throw new UnsupportedOperationException("TODO");
  }

  /** The canonical EIP-2718 encoding (type byte || rlp payload, or the legacy RLP list). */
  public static byte[] encode(Transaction tx) {
    throw new UnsupportedOperationException("TODO");
  }

  /** The hash the sender signs. */
  public static Hash signingHash(Transaction tx) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Signs an unsigned transaction (its signature field is ignored) and recovers it. */
  public static RecoveredTx sign(Transaction unsigned, byte[] privateKey) {
    throw new UnsupportedOperationException("TODO");
  }
}
