package dev.raftseq.node;

import dev.raftseq.chain.codec.BlockCodec;
import dev.raftseq.chain.codec.DecodeException;
import dev.raftseq.chain.types.AppliedIndex;
import dev.raftseq.chain.types.Block;
import dev.raftseq.raft.BlockApplyResult;
import dev.raftseq.raft.EntryApplier;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies committed Raft entries to the chain: blocks through ChainService, transactions to the pool. */
final class ChainEntryApplier implements EntryApplier {
  private static final Logger LOG = LoggerFactory.getLogger(ChainEntryApplier.class);

  private final String nodeTag;
  private final ChainService chain;
  private final PoolFeeder pool;

  ChainEntryApplier(String nodeTag, ChainService chain, PoolFeeder pool) {
    this.nodeTag = nodeTag;
    this.chain = chain;
    this.pool = pool;
  }

  @Override
  public Optional<AppliedIndex> lastApplied() {
    return chain.store().lastApplied();
  }

  @Override
  public BlockApplyResult applyBlock(byte[] encodedBlock, AppliedIndex index, boolean proposedHere) {
    Block block;
    try {
      block = BlockCodec.decodeBlock(encodedBlock, chain.store().chainId());
    } catch (DecodeException e) {
      chain.store().markApplied(index);
      LOG.warn("[{}] undecodable block entry at {}: {}", nodeTag, index, e.getMessage());
      return BlockApplyResult.invalid("undecodable block: " + e.getMessage());
    }
    ApplyOutcome outcome = chain.apply(block, index);
    return switch (outcome.kind()) {
      case APPLIED -> BlockApplyResult.applied();
      case REJECTED_STALE -> BlockApplyResult.stale(outcome.reason());
      case INVALID -> BlockApplyResult.invalid(outcome.reason());
    };
  }

  /** Persists the batch with the applied index first, so an acknowledged transaction survives restarts. */
  @Override
  public void applyTransactions(List<byte[]> rawTxs, AppliedIndex index) {
    chain.store().addToPool(rawTxs, index);
    pool.admit(rawTxs);
  }

  @Override
  public void markApplied(AppliedIndex index) {
    chain.store().markApplied(index);
  }
}
