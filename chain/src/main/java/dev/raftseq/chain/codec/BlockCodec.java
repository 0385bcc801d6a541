package dev.raftseq.chain.codec;

import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.Receipt;
import dev.raftseq.chain.types.RecoveredTx;
import java.util.List;

/**
 * Ethereum encodings of headers, blocks and receipts. A block is rlp([header, [tx...], [], []])
 * (ommers and withdrawals empty), where each tx is its EIP-2718 envelope (typed ones as RLP
 * strings). Used for storage, Raft log entries and p2p.
 */
public final class BlockCodec {
  private BlockCodec() {}

  public static byte[] encodeHeader(Header h) {
    throw new UnsupportedOperationException("TODO");
  }

  public static Header decodeHeader(byte[] rlp) throws DecodeException {
    throw new UnsupportedOperationException("TODO");
  }

  public static Hash hash(Header h) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Builds the block record, computing its hash. */
  public static Block block(Header h, List<RecoveredTx> txs) {
    return new Block(h, txs, hash(h));
  }

  public static byte[] encodeBlock(Block b) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Decodes a block, recovering every sender; {@code chainId} is enforced on each transaction.
   */
  public static Block decodeBlock(byte[] rlp, long chainId) throws DecodeException {
    throw new UnsupportedOperationException("TODO");
  }

  /** EIP-2718 receipt envelope as it goes into the receipts trie. */
  public static byte[] encodeReceipt(Receipt r) {
    throw new UnsupportedOperationException("TODO");
  }

  public static Receipt decodeReceipt(byte[] bytes) throws DecodeException {
    throw new UnsupportedOperationException("TODO");
  }

  /** 2048-bit log bloom of logs (Ethereum's m3:2048 filter). */
  public static byte[] bloom(List<dev.raftseq.chain.types.Log> logs) {
    throw new UnsupportedOperationException("TODO");
  }
}
