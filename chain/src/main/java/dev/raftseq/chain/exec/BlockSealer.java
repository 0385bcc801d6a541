package dev.raftseq.chain.exec;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.SealFields;
import dev.raftseq.chain.crypto.NodeKey;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;

/**
 * Turns a built block into a sealed, signed block (see {@link Header} for the seal layout). The
 * header carries Ethereum's post-merge constants (no ommers, difficulty 0, no withdrawals, no
 * blobs, zero beacon root) so standard tools decode it.
 */
public final class BlockSealer {
  private BlockSealer() {}

  /**
   * @throws IllegalArgumentException when {@code built} was not built on {@code parent}
   */
  public static Block seal(BuiltBlock built, Header parent, NodeKey key, long raftTerm) {
    BlockContext ctx = built.context();
    Hash parentHash = BlockCodec.hash(parent);
    if (!parentHash.equals(ctx.parentHash()) || ctx.number() != parent.number() + 1) {
      throw new IllegalArgumentException(
          "block " + ctx.number() + " was built on " + ctx.parentHash() + ", not on block " + parent.number() + " " + parentHash);
    }
    Hash txRoot = BlockRoots.transactionsRoot(built.included());
    Hash receiptsRoot = BlockRoots.receiptsRoot(built.receipts());
    byte[] bloom = BlockCodec.bloomOfReceipts(built.receipts());
    Header unsealed = header(built, txRoot, receiptsRoot, bloom, SealFields.vanity(raftTerm, ctx.timestampMillis()));
    return BlockCodec.block(SealFields.seal(unsealed, key), built.included());
  }

  private static Header header(BuiltBlock built, Hash txRoot, Hash receiptsRoot, byte[] bloom, byte[] extraData) {
    BlockContext ctx = built.context();
    return new Header(
        ctx.parentHash(),
        Hash.EMPTY_LIST,
        ctx.coinbase(),
        built.state().root(),
        txRoot,
        receiptsRoot,
        bloom,
        0,
        ctx.number(),
        ctx.gasLimit(),
        built.gasUsed(),
        ctx.timestampSeconds(),
        extraData,
        Hash.ZERO,
        0,
        ctx.baseFee(),
        Hash.EMPTY_TRIE,
        0,
        0,
        Hash.ZERO);
  }
}
