package dev.raftseq.batcher.batch;

import dev.raftseq.chain.crypto.Keccak;
import dev.raftseq.chain.types.Hash;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Made-up chains of block summaries with proper parent links, for pure batching tests. */
final class Blocks {
  static final long CHAIN_ID = 270;

  private Blocks() {}

  static BlockSummary genesis() {
    return new BlockSummary(0, hash(0, 0), Hash.ZERO, hash(0, 1), 1_700_000_000_000L, 0, 0);
  }

  /** One block per entry of {txs, gas, millis after the parent}. */
  static List<BlockSummary> after(BlockSummary parent, List<long[]> specs) {
    List<BlockSummary> out = new ArrayList<>();
    BlockSummary prev = parent;
    for (long[] s : specs) {
      long n = prev.number() + 1;
      BlockSummary b = new BlockSummary(n, hash(n, 0), prev.hash(), hash(n, 1), prev.timestampMillis() + s[2], s[1], (int) s[0]);
      out.add(b);
      prev = b;
    }
    return out;
  }

  static Hash hash(long n, int kind) {
    return Keccak.hash(ByteBuffer.allocate(12).putLong(n).putInt(kind).array());
  }

  static Batch genesisBatch() {
    return Batch.genesis(CHAIN_ID, genesis());
  }

  static List<Batch> sealAll(BatchLimits limits, Batch from, List<BlockSummary> blocks) {
    BatchSealer s = new BatchSealer(limits, from);
    List<Batch> out = new ArrayList<>();
    for (BlockSummary b : blocks) {
      out.addAll(s.add(b));
    }
    return out;
  }
}
