package dev.raftseq.replay;

import dev.raftseq.chain.store.BlockCommit;
import dev.raftseq.chain.store.ChainStore;

/** Commits verified blocks straight to the store: one RocksDB batch per block. */
public final class StoreBlockSink implements VerifiedBlockSink {
  private final ChainStore store;

  public StoreBlockSink(ChainStore store) {
    this.store = store;
  }

  @Override
  public synchronized ApplyResult apply(BlockCommit verified) {
    var head = store.head();
    var block = verified.block();
    if (!block.header().parentHash().equals(head.hash()) || block.number() != head.number() + 1) {
      return new ApplyResult.Stale("head is " + head.number() + " " + head.hash() + ", block " + block.number()
          + " extends " + block.header().parentHash());
    }
    store.commit(verified);
    return ApplyResult.applied(block.number());
  }
}
