package dev.raftseq.producer.testing;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Address;
import dev.raftseq.chain.types.Block;
import dev.raftseq.chain.types.Hash;
import dev.raftseq.chain.types.Header;
import dev.raftseq.chain.types.RecoveredTx;
import dev.raftseq.chain.types.Wei;
import java.nio.ByteBuffer;
import java.util.List;

/** Headers and blocks for tests, with a fabricated hash (digest of the fields that matter). */
public final class Blocks {
  private Blocks() {}

  /** Vanity as the seal layout defines it: term in bytes 0-7, timestamp ms in bytes 8-15. */
  public static byte[] vanity(long term, long timestampMillis) {
    return ByteBuffer.allocate(Header.VANITY_BYTES).putLong(term).putLong(timestampMillis).array();
  }

  public static long timestampMillis(Header h) {
    return ByteBuffer.wrap(h.extraData()).getLong(8);
  }

  public static long term(Header h) {
    return ByteBuffer.wrap(h.extraData()).getLong(0);
  }

  public static Header header(
      Hash parent, long number, Hash stateRoot, long gasLimit, long gasUsed, long timestampMillis,
      long term, Wei baseFee) {
    return new Header(parent, Hash.EMPTY_LIST, Address.ZERO, stateRoot, Hash.EMPTY_TRIE, Hash.EMPTY_TRIE,
        new byte[Header.BLOOM_BYTES], 0, number, gasLimit, gasUsed, timestampMillis / 1000,
        vanity(term, timestampMillis), Hash.ZERO, 0, baseFee, Hash.EMPTY_TRIE, 0, 0, Hash.ZERO);
  }

  public static Block block(Header h, List<RecoveredTx> txs) {
    ByteBuffer b = ByteBuffer.allocate(32 + 8 + 32 + 8 + 8 + 32 * txs.size());
    b.put(h.parentHash().unsafeBytes()).putLong(h.number()).put(h.stateRoot().unsafeBytes());
    b.putLong(timestampMillis(h)).putLong(term(h));
    for (RecoveredTx t : txs) {
      b.put(t.hash().unsafeBytes());
    }
    return new Block(h, txs, Keccak.hash(b.array()));
  }

  /** A block that only carries transactions, for pool tests. */
  public static Block withTxs(long number, List<RecoveredTx> txs) {
    return block(header(Hash.ZERO, number, Hash.ZERO, 30_000_000, 0, 0, 1, Wei.ZERO), txs);
  }
}
