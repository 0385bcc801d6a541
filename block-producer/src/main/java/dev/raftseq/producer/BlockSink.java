package dev.raftseq.producer;

import dev.raftseq.chain.exec.BuiltBlock;
import dev.raftseq.chain.types.Block;
import java.util.concurrent.CompletableFuture;

/**
 * Where sealed blocks go: committed locally in single-node mode, proposed through the Raft log
 * otherwise. The future must complete (with an outcome, or exceptionally, which counts as
 * {@link SubmitOutcome.Kind#FAILED}) within a bounded time: the producer keeps one block in flight
 * and does not build another until it does. Applying the block, and telling the pool about it, is
 * the apply path's job and happens before the future completes with APPLIED.
 */
@FunctionalInterface
public interface BlockSink {
  CompletableFuture<SubmitOutcome> submit(Block sealed, BuiltBlock built);
}
